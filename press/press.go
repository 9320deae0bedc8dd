// Package press turns stored figures into sentences press staff can paste:
// one in Chinese, one in English, each stating region, period, the value
// with its qualifier and unit, its status, and the source with its date.
// It formats through package figure and never rounds: a sentence carries
// exactly the digits the source published.
package press

import (
	"strings"

	"districtstats/figure"
	"districtstats/period"
	"districtstats/queries"
)

// Figure is one observation with the names a sentence needs.
type Figure struct {
	Obs       queries.Observation
	Indicator queries.Indicator
	Region    queries.Region
}

// Sentence is one ready sentence in one language.
type Sentence struct {
	Lang figure.Lang
	// Body is the sentence without its citation, for texts that number
	// their sources: "2024年，南山区地区生产总值9501亿元。"
	Body string
	// Citation names the source and its date: "（来源：蛇口消息报，2025年3月26日）",
	// "(Shekou News, 26 March 2025)".
	Citation string
}

// Text is the sentence with its citation: what a copy button copies.
func (s Sentence) Text() string {
	if s.Lang == figure.En {
		return strings.TrimSuffix(s.Body, ".") + " " + s.Citation + "."
	}
	return s.Body + s.Citation
}

// Numbered is the sentence with numbered source notes instead of the
// citation: "…9501亿元[1]。", "… in 2024 [1]."
func (s Sentence) Numbered(refs string) string {
	if s.Lang == figure.En {
		return strings.TrimSuffix(s.Body, ".") + " " + refs + "."
	}
	return strings.TrimSuffix(s.Body, "。") + refs + "。"
}

// Cite is a source a sentence cites.
type Cite struct {
	ID, Title, Publisher, PublisherEn, Published, URL string
}

// Pair is a figure's sentences in both languages and the sources they cite,
// in citation order.
type Pair struct {
	Indicator, Region, Period string
	Status                    string
	Zh, En                    Sentence
	Sources                   []Cite
}

// Lang picks the sentence in a language.
func (p Pair) Lang(l figure.Lang) Sentence {
	if l == figure.En {
		return p.En
	}
	return p.Zh
}

// Target says whether the pair states a target rather than an outcome.
func (p Pair) Target() bool { return p.Status == "target" }

func citeOf(o queries.Observation) Cite {
	return Cite{ID: o.Source, Title: o.SourceTitle, Publisher: o.SourcePublisher, PublisherEn: o.SourcePublisherEn,
		Published: o.SourcePublished, URL: o.SourceURL}
}

// Name is the publisher as a citation names it: without its parenthetical,
// in English where an English name is stored.
func (c Cite) Name(l figure.Lang) string {
	n := c.Publisher
	if l == figure.En && c.PublisherEn != "" {
		n = c.PublisherEn
	}
	if i := strings.Index(n, " ("); i > 0 {
		n = n[:i]
	}
	if i := strings.Index(n, "（"); i > 0 {
		n = n[:i]
	}
	return strings.TrimSpace(n)
}

// citation names every source, in order, with its date.
func citation(cites []Cite, l figure.Lang) string {
	var parts []string
	for _, c := range cites {
		if l == figure.En {
			parts = append(parts, c.Name(l)+", "+figure.Date(c.Published, l))
		} else {
			parts = append(parts, c.Name(l)+"，"+figure.Date(c.Published, l))
		}
	}
	if l == figure.En {
		return "(" + strings.Join(parts, "; ") + ")"
	}
	return "（来源：" + strings.Join(parts, "；") + "）"
}

// yearNotStated says whether the source gave no year and the data recorded
// the latest full year at publication (data/ notes say so).
func yearNotStated(o queries.Observation) bool {
	return strings.Contains(o.Note, "year not stated")
}

// isStock says whether the period is a point in time ("as of 2025-03-26").
func isStock(o queries.Observation) bool {
	if o.Freq != "" {
		return o.Freq == string(period.Point)
	}
	return strings.HasPrefix(o.Period, "as of ")
}

// clause is a figure's statement without final punctuation or status
// remark, so a comparison can extend it.
type clause struct {
	zh, en string
}

func statementOf(f Figure) clause {
	o := f.Obs
	u := unitOf(f.Indicator)
	target := o.Status == "target"
	zhPeriod := figure.Period(o.Period, figure.Zh)
	enPeriod := figure.Period(o.Period, figure.En)

	// Chinese: "2024年，南山区地区生产总值9501亿元" — period first, then
	// subject; the status word stands before the value.
	zhValue := ZhValue(o.Value, o.Qualifier, u)
	verb := ""
	switch o.Status {
	case "target":
		verb = "有望达到"
	case "preliminary":
		verb = "初步核算"
	case "final":
		verb = "最终核实"
	case "revised":
		verb = "修订"
	}
	if verb != "" && !target && o.Qualifier == "exact" {
		verb += "为"
	}
	zh := zhPeriod + "，" + f.Region.NameZh + f.Indicator.NameZh + verb + zhValue

	// English: "Nanshan's GDP was 950.1 billion yuan in 2024".
	enValue := figure.Value(o.Value, o.Qualifier, u, figure.En)
	subject := Subject(f.Region, f.Indicator)
	var en string
	switch {
	case target:
		en = subject + " is expected to reach " + enValue + " in " + enPeriod
	case isStock(o):
		en = "As of " + strings.TrimPrefix(enPeriod, "as of ") + ", " + subject + " stood at " + enValue
	default:
		en = subject + " was " + enValue + " in " + enPeriod
	}
	return clause{zh, en}
}

// remarks are the status and year notes that follow a statement.
func remarks(o queries.Observation) clause {
	var c clause
	switch o.Status {
	case "target":
		c.zh, c.en = "（目标）", " (target)"
	case "preliminary":
		c.en = " (preliminary)" // zh says 初步核算 before the value
	case "final":
		c.en = " (final)"
	case "revised":
		c.en = " (revised)"
	}
	if yearNotStated(o) {
		zhP, enP := figure.Period(o.Period, figure.Zh), figure.Period(o.Period, figure.En)
		if o.Freq == string(period.Annual) || len(o.Period) == 4 {
			c.zh += "（来源未注明年份，按发布时最近完整年度记为" + zhP + "）"
			c.en += " (the source does not state the year; recorded as " + enP + ", the latest full year at publication)"
		} else {
			c.zh += "（来源未注明年份，记为" + zhP + "）"
			c.en += " (the source does not state the year; recorded as " + enP + ")"
		}
	}
	return c
}

// Sentences writes a figure as a sentence in each language.
func Sentences(f Figure) Pair {
	st, rm := statementOf(f), remarks(f.Obs)
	cites := []Cite{citeOf(f.Obs)}
	return Pair{
		Indicator: f.Obs.Indicator, Region: f.Obs.Region, Period: f.Obs.Period, Status: f.Obs.Status,
		Zh:      Sentence{Lang: figure.Zh, Body: st.zh + rm.zh + "。", Citation: citation(cites, figure.Zh)},
		En:      Sentence{Lang: figure.En, Body: st.en + rm.en + ".", Citation: citation(cites, figure.En)},
		Sources: cites,
	}
}
