package press

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"districtstats/figure"
	"districtstats/queries"
)

// Ratio describes how many times one figure is another, in words, by these
// rules (r = a/b, from the stored numbers; the ratio itself is never printed):
//
//	r < 1                  lower than       低于
//	r == 1                 the same as      与…持平
//	1 < r < 1.75           higher than      高于
//	otherwise n = round(r):
//	|r-n| <= 0.02·n        about n times    约为…的n倍
//	n-0.25 < r < n         nearly n times   接近…的n倍
//	r <= n-0.25            more than n-1 times  是…的(n-1)倍多
//	r > n                  more than n times    是…的n倍多
//
// So 7.66/2.68 = 2.86 reads "nearly three times", 2.6 "more than twice",
// 3.3 "more than three times", 3.05 "about three times".
type Ratio struct {
	Kind  string // lower | same | higher | about | nearly | more_than
	Times int    // for about, nearly, more_than
}

// DescribeRatio applies the rules above to a/b. b must not be zero.
func DescribeRatio(a, b float64) Ratio {
	r := a / b
	switch {
	case r < 1:
		return Ratio{Kind: "lower"}
	case r == 1:
		return Ratio{Kind: "same"}
	case r < 1.75:
		return Ratio{Kind: "higher"}
	}
	n := math.Round(r)
	switch {
	case math.Abs(r-n) <= 0.02*n:
		return Ratio{"about", int(n)}
	case r < n && n-r < 0.25:
		return Ratio{"nearly", int(n)}
	case r < n:
		return Ratio{"more_than", int(n) - 1}
	}
	return Ratio{"more_than", int(n)}
}

var timesEn = map[int]string{2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times",
	7: "seven times", 8: "eight times", 9: "nine times", 10: "ten times"}

func timesWord(n int) string {
	if w, ok := timesEn[n]; ok {
		return w
	}
	return strconv.Itoa(n) + " times"
}

// words puts the ratio around the other figure's description ref:
// zh "接近" + ref + "的3倍", en "nearly three times " + ref.
func (r Ratio) words(refZh, refEn string) (string, string) {
	n := strconv.Itoa(r.Times)
	switch r.Kind {
	case "lower":
		return "低于" + refZh, "lower than " + refEn
	case "same":
		return "与" + refZh + "持平", "the same as " + refEn
	case "higher":
		return "高于" + refZh, "higher than " + refEn
	case "about":
		return "约为" + refZh + "的" + n + "倍", "about " + timesWord(r.Times) + " " + refEn
	case "nearly":
		return "接近" + refZh + "的" + n + "倍", "nearly " + timesWord(r.Times) + " " + refEn
	}
	return "是" + refZh + "的" + n + "倍多", "more than " + timesWord(r.Times) + " " + refEn
}

// Compare states figure a with its relation to figure b, both stored, and
// cites both: "…7.66%, nearly three times the preliminary national figure
// of 2.68%, published on 23 January 2025." It refuses targets, figures of
// different units and a zero b, where a ratio would mislead.
func Compare(a, b Figure) (Pair, error) {
	switch {
	case a.Indicator.Unit != b.Indicator.Unit:
		return Pair{}, fmt.Errorf("press: cannot compare %s (%s) with %s (%s)", a.Obs.Indicator, a.Indicator.Unit, b.Obs.Indicator, b.Indicator.Unit)
	case a.Obs.Status == "target" || b.Obs.Status == "target":
		return Pair{}, fmt.Errorf("press: targets are not compared")
	case b.Obs.Value == 0:
		return Pair{}, fmt.Errorf("press: cannot compare with zero")
	}
	st, rm := statementOf(a), remarks(a.Obs)
	refZh, refEn := reference(a, b)
	zhRel, enRel := DescribeRatio(a.Obs.Value, b.Obs.Value).words(refZh, refEn)
	cites := []Cite{citeOf(a.Obs)}
	if b.Obs.Source != a.Obs.Source {
		cites = append(cites, citeOf(b.Obs))
	}
	return Pair{
		Indicator: a.Obs.Indicator, Region: a.Obs.Region, Period: a.Obs.Period, Status: a.Obs.Status,
		Zh:      Sentence{Lang: figure.Zh, Body: st.zh + rm.zh + "，" + zhRel + "。", Citation: citation(cites, figure.Zh)},
		En:      Sentence{Lang: figure.En, Body: st.en + rm.en + ", " + enRel + ".", Citation: citation(cites, figure.En)},
		Sources: cites,
	}, nil
}

// reference describes figure b as the thing a is compared with, naming its
// vintage: zh "2025年1月23日公布的全国初步核算数2.68%", en "the preliminary
// national figure of 2.68%, published on 23 January 2025".
func reference(a, b Figure) (string, string) {
	o := b.Obs
	u := unitOf(b.Indicator)
	whoZh, whoEn := b.Region.NameZh, RegionShort(b.Region)+"'s"
	if b.Region.Level == "country" {
		whoEn = "national"
	}
	if b.Obs.Indicator != a.Obs.Indicator {
		whoZh += b.Indicator.NameZh
		whoEn += " " + IndicatorShort(b.Indicator)
	}
	kindZh := map[string]string{"preliminary": "初步核算数", "final": "最终核实数", "revised": "修订数"}[o.Status]
	if kindZh == "" {
		kindZh = "数据"
	}
	statusEn := ""
	if s := figure.Status(o.Status, figure.En); s != "" {
		statusEn = s + " "
	}
	periodZh, periodEn := "", ""
	if o.Period != a.Obs.Period {
		periodZh = figure.Period(o.Period, figure.Zh)
		periodEn = " for " + figure.Period(o.Period, figure.En)
	}
	zh := whoZh + periodZh + kindZh + ZhValue(o.Value, o.Qualifier, u)
	en := "the " + statusEn + whoEn + " figure" + periodEn + " of " + figure.Value(o.Value, o.Qualifier, u, figure.En)
	if whoEn != "national" && b.Obs.Indicator == a.Obs.Indicator {
		// "Shenzhen's final figure": the possessive goes first.
		en = whoEn + " " + statusEn + "figure" + periodEn + " of " + figure.Value(o.Value, o.Qualifier, u, figure.En)
	}
	if o.SourcePublished != "" {
		zh = figure.Date(o.SourcePublished, figure.Zh) + "公布的" + zh
		on := " on "
		if strings.Count(o.SourcePublished, "-") < 2 {
			on = " in "
		}
		en += ", published" + on + figure.Date(o.SourcePublished, figure.En)
	}
	return zh, en
}

// Counterpart finds, among candidates, the figure for a's indicator and
// period in region that had been published by the time a was: the vintage
// a's source could have compared with. Undated figures never qualify. The
// newest such publication wins; on a tie, revised > final > preliminary.
func Counterpart(a queries.Observation, region string, candidates []queries.Observation) (queries.Observation, bool) {
	var best queries.Observation
	found := false
	rank := map[string]int{"revised": 4, "final": 3, "preliminary": 2}
	for _, c := range candidates {
		if c.Indicator != a.Indicator || c.Region != region || c.Period != a.Period || c.Status == "target" {
			continue
		}
		if c.SourcePublished == "" || a.SourcePublished == "" || !publishedBy(c.SourcePublished, a.SourcePublished) {
			continue
		}
		if !found || c.SourcePublished > best.SourcePublished ||
			c.SourcePublished == best.SourcePublished && rank[c.Status] > rank[best.Status] {
			best, found = c, true
		}
	}
	return best, found
}

// publishedBy says whether a date as written (YYYY-MM-DD, YYYY-MM, YYYY)
// lies wholly on or before another: a partial date counts as its last day,
// so "2025-12" is not published by "2025-03-26".
func publishedBy(d, by string) bool {
	last := d
	switch strings.Count(d, "-") {
	case 0:
		last = d + "-12-31"
	case 1:
		last = d + "-31"
	}
	return last <= by || d == by
}
