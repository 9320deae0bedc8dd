// Package press turns stored figures into sentences press staff can paste:
// one in Chinese, one in English, each stating region, period, the value
// with its qualifier and unit, its status, and the source with its date.
// It formats through package figure and never rounds: a sentence carries
// exactly the digits the source published.
package press

import (
	"strconv"
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
	TitleGiven                                        bool // false: Title is a description and is never printed as a headline
	Copy                                              bool // URL is a copy on another site of Publisher's article
}

// CiteOf is the citation of a source as the snapshot holds it.
func CiteOf(s *queries.Source) Cite {
	return Cite{ID: s.ID, Title: s.Title, Publisher: s.Publisher, PublisherEn: s.PublisherEn, Published: s.Published,
		URL: s.URL, TitleGiven: s.TitleGiven, Copy: s.Copy}
}

// Host is the site a copy was read on: "m.veredascontabil.com".
func (c Cite) Host() string {
	h := c.URL
	for _, p := range []string{"https://", "http://"} {
		h = strings.TrimPrefix(h, p)
	}
	h, _, _ = strings.Cut(h, "/")
	return h
}

// CopyNote says where a copy was read: "转载于 m.example.com" / "copy at
// m.example.com"; "" for the publisher's own page.
func (c Cite) CopyNote(l figure.Lang) string {
	if !c.Copy {
		return ""
	}
	if l == figure.En {
		return "copy at " + c.Host()
	}
	return "转载于" + c.Host()
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
		Published: o.SourcePublished, URL: o.SourceURL, TitleGiven: o.SourceTitleGiven, Copy: o.SourceCopy}
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
		sep := "，"
		if l == figure.En {
			sep = ", "
		}
		part := c.Name(l) + sep + figure.Date(c.Published, l)
		if n := c.CopyNote(l); n != "" {
			part += sep + n
		}
		parts = append(parts, part)
	}
	if l == figure.En {
		return "(" + strings.Join(parts, "; ") + ")"
	}
	return "（来源：" + strings.Join(parts, "；") + "）"
}

// What a source said about a figure's period (data/observations.csv
// period_stated): the period it stated (""), none ("no": the period is our
// inference, kept for charts), an undated recent span ("recent"), or a
// target's horizon ("within 3-5 years").
const (
	PeriodInferred = "no"
	PeriodRecent   = "recent"
)

// Horizon is a target's horizon as published, in each language: "within
// 3-5 years" reads "3-5年内" / "within 3–5 years". ok is false when the
// figure has none.
func Horizon(o queries.Observation) (zh, en string, ok bool) {
	n, found := strings.CutPrefix(o.PeriodStated, "within ")
	if !found {
		return "", "", false
	}
	n = strings.TrimSuffix(strings.TrimSuffix(n, "years"), "year")
	n = strings.TrimSpace(n)
	years := " years"
	if n == "1" {
		years = " year"
	}
	return n + "年内", "within " + strings.ReplaceAll(n, "-", "–") + years, true
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

// runOfYears reads an indicator named "连续…年数" (the years of a run, in
// years): it returns what the run is, to follow "连续N年".
func runOfYears(nameZh string, u figure.Unit) (string, bool) {
	rest, ok := strings.CutPrefix(nameZh, "连续")
	if !ok || u.Code != "years" {
		return "", false
	}
	rest, ok = strings.CutSuffix(rest, "年数")
	return rest, ok && rest != ""
}

// counted says whether a unit counts things (firms, years): English then
// says "Nanshan had 7 universities", with the indicator naming the things,
// not "universities stood at 7 universities".
func counted(u figure.Unit) bool { return u.Code == "count" || u.Code == "years" }

// enAmount is the value as English prose writes it. Amounts of a trillion
// yuan or more read in trillions to two decimals, with the exact figure
// beside them: "3.24 trillion yuan (exactly 3,238.768 billion yuan)". Only
// an exact figure is rounded for reading: "more than 3.238…" rounded up
// would claim more than the source.
func enAmount(v float64, qualifier string, u figure.Unit) string {
	exact := figure.Value(v, qualifier, u, figure.En)
	if u.Code != "yi_yuan" || qualifier != "exact" || (v < 10000 && v > -10000) {
		return exact
	}
	t := figure.Shift(figure.Digits(v), -4)
	if _, frac, _ := strings.Cut(t, "."); len(frac) <= 2 {
		return exact
	}
	rounded := strconv.FormatFloat(v/10000, 'f', 2, 64)
	return figure.Group(rounded) + " trillion yuan (exactly " + figure.Group(figure.Shift(figure.Digits(v), -1)) + " billion yuan)"
}

// enCount is a count with its qualifier and the things counted: "more than
// 5,500 national high-tech enterprises".
func enCount(f Figure) string {
	o := f.Obs
	return figure.QualifierPrefix(o.Qualifier, figure.En) + figure.Number(o.Value) + " " + IndicatorShort(f.Indicator)
}

func statementOf(f Figure) clause {
	o := f.Obs
	u := unitOf(f.Indicator)
	target := o.Status == "target"
	zhPeriod := figure.Period(o.Period, figure.Zh)
	enPeriod := figure.Period(o.Period, figure.En)
	published := o.SourcePublished
	zhReported, enReported := "据报道", "As reported"
	if published != "" {
		zhReported = "据" + figure.Date(published, figure.Zh) + "报道"
		enReported = "As reported on " + figure.Date(published, figure.En)
	}
	horizonZh, horizonEn, hasHorizon := Horizon(o)

	// Chinese: "2024年，南山区地区生产总值9501亿元" — period first, then
	// subject; the status word stands before the value. A period the source
	// did not state is not stated: the report's date stands instead.
	zhValue := ZhValue(o.Value, o.Qualifier, u)
	verb := ""
	switch o.Status {
	case "target":
		verb = "有望达到"
		if hasHorizon {
			verb = "有望在" + horizonZh + "达到"
		}
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
	body := f.Region.NameZh + f.Indicator.NameZh + verb + zhValue
	if rest, ok := runOfYears(f.Indicator.NameZh, u); ok && verb == "" {
		// 连续位居…第一年数 + 12年 reads 南山区连续12年位居…第一, as Chinese
		// writes a run of years.
		body = f.Region.NameZh + "连续" + zhValue + rest
	}
	var zh string
	switch {
	case hasHorizon:
		zh = body
	case o.PeriodStated == PeriodInferred:
		zh = zhReported + "，" + body
	case o.PeriodStated == PeriodRecent:
		zh = "近期，" + body
	default:
		zh = zhPeriod + "，" + body
	}

	// English: "Nanshan's GDP was 950.1 billion yuan in 2024"; "As of 26
	// March 2025, Nanshan had more than 5,500 national high-tech
	// enterprises".
	enValue := enAmount(o.Value, o.Qualifier, u)
	subject := Subject(f.Region, f.Indicator)
	region := RegionShort(f.Region)
	var lead, tail string // "As of …, " / " in 2024"
	switch {
	case hasHorizon:
		tail = " " + horizonEn
	case o.PeriodStated == PeriodInferred:
		lead = enReported + ", "
	case o.PeriodStated == PeriodRecent:
		lead = "Recently, "
	case target:
		tail = " in " + enPeriod
	case isStock(o):
		lead = "As of " + strings.TrimPrefix(enPeriod, "as of ") + ", "
	default:
		tail = " in " + enPeriod
	}
	var en string
	switch {
	case target && counted(u):
		en = region + " is expected to have " + enCount(f) + tail
	case target:
		en = subject + " is expected to reach " + enValue + tail
	case counted(u):
		en = region + " had " + enCount(f) + tail
	case o.PeriodStated == PeriodRecent:
		en = subject + " came to " + enValue + tail
	case isStock(o) && o.PeriodStated == "":
		en = subject + " stood at " + enValue + tail
	default:
		en = subject + " was " + enValue + tail
	}
	if lead != "" {
		en = lead + en
	}
	return clause{zh, en}
}

// remarks are the status and period notes that follow a statement.
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
	if o.PeriodStated == PeriodRecent {
		if o.SourcePublished != "" {
			c.zh += "（截至" + figure.Date(o.SourcePublished, figure.Zh) + "报道）"
			c.en += " (as reported on " + figure.Date(o.SourcePublished, figure.En) + ")"
		} else {
			c.zh += "（报道未注明时期）"
			c.en += " (the report gives no period)"
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

// PeriodInBrackets is PeriodLabel as an aside after a name:
// "（2024年，推断：来源未注明年份）", "(2024, inferred: the source states no
// year)". The label's own aside joins the period after a comma instead of
// nesting brackets in brackets.
func PeriodInBrackets(o queries.Observation, l figure.Lang) string {
	p := PeriodLabel(o, l)
	if l == figure.En {
		if head, aside, ok := strings.Cut(p, " ("); ok && strings.HasSuffix(aside, ")") {
			p = head + ", " + strings.TrimSuffix(aside, ")")
		}
		return " (" + p + ")"
	}
	if head, aside, ok := strings.Cut(p, "（"); ok && strings.HasSuffix(aside, "）") {
		p = head + "，" + strings.TrimSuffix(aside, "）")
	}
	return "（" + p + "）"
}

// PeriodLabel is a figure's period as a table or chart shows it, saying
// what the source did: "2024年（推断：来源未注明年份）" for an inferred year,
// "近期（截至2025年3月26日报道）" for an undated recent span, "3-5年内" for a
// target's horizon; the plain period otherwise.
func PeriodLabel(o queries.Observation, l figure.Lang) string {
	p := figure.Period(o.Period, l)
	if zh, en, ok := Horizon(o); ok {
		if l == figure.En {
			return en
		}
		return zh
	}
	switch o.PeriodStated {
	case PeriodInferred:
		if l == figure.En {
			return p + " (inferred: the source states no year)"
		}
		return p + "（推断：来源未注明年份）"
	case PeriodRecent:
		if l == figure.En {
			return "recently (as reported on " + figure.Date(o.SourcePublished, l) + ")"
		}
		return "近期（截至" + figure.Date(o.SourcePublished, l) + "报道）"
	}
	return p
}
