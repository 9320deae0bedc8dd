package figcheck

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
)

// MaxChars bounds the text a check accepts: a long speech fits; a book does not.
const MaxChars = 20000

// TooLongError says the text is over MaxChars.
type TooLongError struct{ Chars int }

func (e *TooLongError) Error() string {
	return fmt.Sprintf("the text is too long: %d characters or more; at most %d can be checked at once (split it)", e.Chars, MaxChars)
}

// Options are a check's settings.
type Options struct {
	// Date is the day the text speaks from: 去年 / last year is the year
	// before it, and a figure stated without a period is compared with the
	// latest period published by then. Zero: relative years stay
	// unresolved and the latest period is used.
	Date time.Time
	// Lang is the language of messages and ready sentences.
	Lang figure.Lang
}

// The verdicts.
const (
	Matches   = "matches"
	Differs   = "differs"
	Ambiguous = "ambiguous"
	NotInData = "not_in_data"
)

// Finding kinds: what differs.
const (
	KindValue     = "value"
	KindScale     = "scale"     // 亿 and 万 swapped
	KindQualifier = "qualifier" // 超 dropped, added or changed
	KindPeriod    = "period"    // the value is another period's
	KindRegion    = "region"    // the value is another region's
	KindVintage   = "vintage"   // a newer vintage exists
	KindTarget    = "target"    // a target quoted as achieved
	KindRatio     = "ratio"     // a ratio in words the stored figures do not bear out
	KindRounded   = "rounded"   // rounded without 约
	KindUnit      = "unit"      // a rate quoted as a level, or the other way round
	KindStatus    = "status"    // called preliminary, final or revised against the stored status
)

// Kinds lists every finding kind, for the API's documentation.
var Kinds = []string{KindValue, KindScale, KindQualifier, KindPeriod, KindRegion, KindVintage, KindTarget,
	KindRatio, KindRounded, KindUnit, KindStatus}

// Report is the result of checking one text.
type Report struct {
	Lang    string         `json:"lang"`
	Date    string         `json:"date,omitempty"`
	Chars   int            `json:"chars"`
	Counts  map[string]int `json:"counts"`
	Results []Result       `json:"results"`
}

// Differs says whether any figure differs from the stored one.
func (r *Report) Differs() bool { return r.Counts[Differs] > 0 }

// Result is one figure of the text and what the data say about it.
type Result struct {
	// Start and End are byte offsets in the text as given; StartUTF16 and
	// EndUTF16 count UTF-16 code units, as JavaScript strings do.
	Start      int       `json:"start"`
	End        int       `json:"end"`
	StartUTF16 int       `json:"start_utf16"`
	EndUTF16   int       `json:"end_utf16"`
	Text       string    `json:"text"`
	Verdict    string    `json:"verdict"`
	Label      string    `json:"label"`
	Message    string    `json:"message"`
	Findings   []Finding `json:"findings,omitempty"`
	Figure     *Stored   `json:"figure,omitempty"`
	Compared   *Stored   `json:"compared_with,omitempty"` // a ratio's other figure
	Candidates []Stored  `json:"candidates,omitempty"`
	Arithmetic string    `json:"arithmetic,omitempty"`
	Link       string    `json:"link,omitempty"`
	Sentence   string    `json:"sentence,omitempty"` // the ready sentence with its citation, to paste in place
}

// Finding is one thing that differs.
type Finding struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Stored describes a stored figure for people.
type Stored struct {
	Indicator string `json:"indicator"`
	Name      string `json:"name"`
	Region    string `json:"region,omitempty"`
	Period    string `json:"period,omitempty"`
	Value     string `json:"value"` // with qualifier and unit: 超5500家
	Status    string `json:"status,omitempty"`
	Source    string `json:"source"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Label names a verdict in a language, for people who cannot tell the
// highlight colours apart.
func Label(verdict string, l figure.Lang) string {
	labels := map[string][2]string{Matches: {"一致", "matches"}, Differs: {"不一致", "differs"},
		Ambiguous: {"有歧义", "ambiguous"}, NotInData: {"数据中没有", "not in the data"}}
	if l == figure.En {
		return labels[verdict][1]
	}
	return labels[verdict][0]
}

// Check finds every figure in text and checks it against the catalog.
func (c *Catalog) Check(text string, o Options) (*Report, error) {
	if n := utf8.RuneCountInString(text); n > MaxChars {
		return nil, &TooLongError{n}
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("the text is not valid UTF-8")
	}
	if o.Lang != figure.En {
		o.Lang = figure.Zh
	}
	n := normalize(text)
	toks := scan(n.s)
	ck := &checker{c: c, s: n.s, o: o, toks: toks}
	ck.periods = periodMentions(n.s, o.Date, toks)
	ck.regions = c.regionMentions(n.s)
	rep := &Report{Lang: string(o.Lang), Chars: utf8.RuneCountInString(text), Counts: map[string]int{Matches: 0, Differs: 0, Ambiguous: 0, NotInData: 0}}
	if !o.Date.IsZero() {
		rep.Date = o.Date.Format("2006-01-02")
	}
	ck.resolved = make([]*stored, len(toks))
	for k, t := range toks {
		r := ck.check(k, t)
		r.Start, r.End = n.orig[t.start], n.orig[t.end]
		r.Text = text[r.Start:r.End]
		r.StartUTF16, r.EndUTF16 = utf16Len(text[:r.Start]), utf16Len(text[:r.End])
		r.Label = Label(r.Verdict, o.Lang)
		rep.Counts[r.Verdict]++
		rep.Results = append(rep.Results, r)
	}
	if rep.Results == nil {
		rep.Results = []Result{}
	}
	return rep, nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

type checker struct {
	c        *Catalog
	s        string
	o        Options
	toks     []token
	periods  []periodMention
	regions  []regionMention
	resolved []*stored // the stored figure each token was found to quote
}

func (k *checker) zh() bool { return k.o.Lang != figure.En }

// say picks the message in the report's language.
func (k *checker) say(zh, en string) string {
	if k.zh() {
		return zh
	}
	return en
}

// candidate is an indicator or a measure that may be what a figure states.
type candidate struct {
	ind   *indicator
	meas  *measure
	score float64
	sum   float64 // how much of the text the name matched
}

const (
	minScore  = 0.45 // below this the words around a figure do not name the indicator
	closeCall = 0.12 // candidates this close to the best are all considered
)

func (k *checker) check(idx int, t token) Result {
	w := locate(k.s, t)
	if t.base == "times" {
		return k.ratio(idx, t, w)
	}
	cands := k.candidates(t, w)
	mostSum := 0.0
	for _, c := range cands {
		mostSum = max(mostSum, c.sum)
	}
	if ind, sum := k.bestSum(w); ind != nil && sum > mostSum {
		// The words name an indicator of another unit better than any of
		// this unit: 全社会研发投入占GDP比重达7.66亿元.
		if r, ok := k.otherUnit(idx, t, w, ind); ok {
			return r
		}
	}
	if len(cands) == 0 {
		return Result{Verdict: NotInData, Message: k.say(
			"数据中没有与此相符的数字（按上下文找不到对应的指标）；这不等于数字有误。",
			"Not in the data: no stored indicator fits the words around this figure. That does not mean it is wrong.")}
	}
	var outs []Result
	for _, cd := range cands {
		var r Result
		if cd.meas != nil {
			r = k.evalMeasure(t, cd.meas)
		} else {
			r = k.evalIndicator(idx, t, w, cd.ind)
		}
		outs = append(outs, r)
	}
	if len(outs) == 1 {
		return outs[0]
	}
	// Several indicators fit the words equally well: the one whose stored
	// figure the text quotes decides; otherwise the reader must.
	var matched []int
	for i, r := range outs {
		if r.Verdict == Matches {
			matched = append(matched, i)
		}
	}
	if len(matched) == 1 {
		return outs[matched[0]]
	}
	res := Result{Verdict: Ambiguous}
	var names []string
	for _, r := range outs {
		if r.Figure != nil {
			res.Candidates = append(res.Candidates, *r.Figure)
			names = append(names, r.Figure.Name+" "+r.Figure.Value)
		}
	}
	if len(res.Candidates) == 0 {
		return outs[0]
	}
	res.Message = k.say("有几项存储的数字都可能是这个数字所指："+strings.Join(names, "；")+"。请写明指标。",
		"Several stored figures fit: "+strings.Join(names, "; ")+". Name the indicator.")
	return res
}

// candidates lists the indicators and measures whose unit fits the figure
// and whose names the words around it say, best first.
func (k *checker) candidates(t token, w where) []candidate {
	var out []candidate
	fits := func(ind *indicator) bool {
		switch t.base {
		case "元":
			return ind.Unit == "yi_yuan"
		case "%":
			return ind.Unit == "percent" && t.scale == 0 && t.hi == ""
		case "rank":
			return ind.Unit == "rank"
		case "years":
			return ind.Unit == "years"
		case "":
			return ind.Unit == "count" && (t.lang == figure.En || true)
		}
		return ind.Unit == "count" && ind.UnitZh == t.base
	}
	for _, ind := range k.c.indicators {
		if !fits(ind) {
			continue
		}
		if s, sum := w.scores(ind.terms); s >= minScore {
			out = append(out, candidate{ind: ind, score: s, sum: sum})
		}
	}
	base := t.base
	if base == "折" {
		base = "%"
	}
	var fitting []*measure
	for _, m := range k.c.measures {
		if m.unit.base == base && (m.hi == nil) == (t.hi == "") {
			fitting = append(fitting, m)
		}
	}
	for _, m := range fitting {
		// A unit only one stored figure has (a range of 折) needs fewer words.
		lim := minScore
		if len(fitting) == 1 && len(out) == 0 {
			lim = minScore / 2
		}
		if s, sum := w.scores(m.terms); s >= lim {
			out = append(out, candidate{meas: m, score: s, sum: sum})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].score > out[b].score })
	for i := range out {
		if out[i].score < out[0].score-closeCall {
			out = out[:i]
			break
		}
	}
	// Among names that fit equally well, one that matched far more of the
	// text is meant: "全社会研发投入" over "GDP" in 全社会研发投入占GDP比重.
	most := 0.0
	for _, c := range out {
		most = max(most, c.sum)
	}
	var kept []candidate
	for _, c := range out {
		if c.sum*2 >= most {
			kept = append(kept, c)
		}
	}
	return kept
}

// bestSum is how much of the text the best-matching name of any indicator
// matched, and that indicator, whatever its unit.
func (k *checker) bestSum(w where) (*indicator, float64) {
	var best *indicator
	bestSum := 0.0
	for _, ind := range k.c.indicators {
		if s, sum := w.scores(ind.terms); s >= minScore && sum > bestSum {
			best, bestSum = ind, sum
		}
	}
	return best, bestSum
}

// otherUnit finds a figure written in the wrong unit: the words name an
// indicator whose stored figure has the same digits in another unit
// (7.66亿元 where 7.66% is stored: a rate quoted as a level).
func (k *checker) otherUnit(idx int, t token, w where, ind *indicator) (Result, bool) {
	v, ok := new(big.Rat).SetString(t.num)
	if !ok || t.hi != "" {
		return Result{}, false
	}
	region, _ := k.regionFor(w, ind)
	other := sameValue(k.c.series[seriesKey{ind.ID, region}], v)
	if other == nil {
		return Result{}, false
	}
	u := ind.UnitZh
	if !k.zh() {
		u = ind.UnitEn
	}
	res := Result{Link: link(ind.ID)}
	return k.differs(idx, res, other, ind, Finding{KindUnit, k.say(
		fmt.Sprintf("单位不对：存储的数字是%s（%s%s），单位是“%s”。", k.valueText(other, ind), figure.Period(other.Period, figure.Zh), ind.NameZh, u),
		fmt.Sprintf("Wrong unit: the stored figure is %s (%s, %s), in %s.", k.valueText(other, ind), press.IndicatorShort(ind.Indicator), figure.Period(other.Period, figure.En), u))}), true
}

// valueIn is the figure's value in an indicator's unit, exactly.
func valueIn(t token, unit string) *big.Rat {
	d := t.num
	switch unit {
	case "yi_yuan":
		d = figure.Shift(t.num, t.scale-8)
	case "count":
		d = figure.Shift(t.num, t.scale)
	}
	v, _ := new(big.Rat).SetString(d)
	return v
}

// regionFor picks the region a figure is about: named in its clause, else
// earlier in its sentence, else the home region. Names inside the
// indicator's own name (广东省 in 广东省区（县）GDP排名) do not count.
func (k *checker) regionFor(w where, ind *indicator) (string, bool) {
	m, ok := nearest(k.regions, w.tok, func(m regionMention) bool {
		return !strings.Contains(ind.NameZh, m.text) && !strings.Contains(strings.ToLower(ind.NameEn), strings.ToLower(m.text))
	}, side{w.local, true}, side{w.local, false}, side{w.sentence, true})
	if !ok {
		return k.c.Home, false
	}
	return m.id, true
}

// periodFor picks the period a figure is about, the same way. A year is
// not carried to the next sentence: a draft's next sentence may well be
// about another year, and a wrong guess would call a right figure wrong.
func (k *checker) periodFor(w where) (periodMention, bool) {
	return nearest(k.periods, w.tok, func(m periodMention) bool { return !m.ignore },
		side{w.local, true}, side{w.local, false}, side{w.sentence, true}, side{w.sentence, false})
}

// side is where to look for a mention: within a span, before the figure
// or after it.
type side struct {
	in     span
	before bool
}

// nearest is the mention closest to the figure tok on the first side, in
// order, that has one that keep accepts.
func nearest[M interface{ at() span }](ms []M, tok token, keep func(M) bool, sides ...side) (M, bool) {
	for _, sd := range sides {
		var best M
		bestD := -1
		for _, m := range ms {
			p := m.at()
			if !sd.in.contains(p.start) || !keep(m) {
				continue
			}
			d := p.start - tok.end
			if sd.before {
				d = tok.start - p.end
			}
			if d < 0 {
				continue
			}
			if bestD < 0 || d < bestD {
				best, bestD = m, d
			}
		}
		if bestD >= 0 {
			return best, true
		}
	}
	var none M
	return none, false
}

// latest is the newest vintage among figures of one period: the one the
// snapshot marks latest (its ranked_observations rule), else by date.
func latest(vs []*stored) *stored {
	var best *stored
	for _, v := range vs {
		if v.Latest {
			return v
		}
		if best == nil || vintageLess(best, v) {
			best = v
		}
	}
	return best
}

// periods groups a series' figures by period, in period order.
func periods(series []*stored) ([]string, map[string][]*stored) {
	var order []string
	by := map[string][]*stored{}
	for _, s := range series {
		if _, ok := by[s.Period]; !ok {
			order = append(order, s.Period)
		}
		by[s.Period] = append(by[s.Period], s)
	}
	return order, by
}

func (k *checker) describe(s *stored, ind *indicator) *Stored {
	reg := k.c.region(s.Region)
	u := figure.Unit{Code: ind.Unit, Zh: ind.UnitZh, En: ind.UnitEn}
	d := &Stored{Indicator: ind.ID, Region: reg.NameZh, Period: figure.Period(s.Period, k.o.Lang), Status: figure.Status(s.Status, k.o.Lang),
		Source:    press.Cite{Publisher: s.SourcePublisher, PublisherEn: s.SourcePublisherEn}.Name(k.o.Lang),
		Published: s.SourcePublished, URL: s.SourceURL}
	if k.zh() {
		d.Name, d.Value = ind.NameZh, press.ZhValue(s.Value, s.Qualifier, u)
	} else {
		d.Name, d.Region, d.Value = press.IndicatorShort(ind.Indicator), reg.NameEn, figure.Value(s.Value, s.Qualifier, u, figure.En)
	}
	return d
}

func (k *checker) sentence(s *stored, ind *indicator) string {
	p := press.Sentences(press.Figure{Obs: s.Observation, Indicator: ind.Indicator, Region: k.c.region(s.Region)})
	return p.Lang(k.o.Lang).Text()
}

func link(id string) string { return "/indicators/" + id }

// evalIndicator checks a figure against one indicator's stored figures.
func (k *checker) evalIndicator(idx int, t token, w where, ind *indicator) Result {
	region, named := k.regionFor(w, ind)
	pm, stated := k.periodFor(w)
	v := valueIn(t, ind.Unit)
	reg := k.c.region(region)
	regName := reg.NameZh
	if !k.zh() {
		regName = reg.NameEn
	}
	name := ind.NameZh
	if !k.zh() {
		name = press.IndicatorShort(ind.Indicator)
	}
	res := Result{Link: link(ind.ID)}
	series := k.c.series[seriesKey{ind.ID, region}]
	if len(series) == 0 {
		if named {
			if other := k.sameValueElsewhere(ind, region, v, pm.period); other != nil {
				return k.differs(idx, res, other, ind, Finding{KindRegion, k.say(
					fmt.Sprintf("这是%s的数字（%s），不是%s的；数据中没有%s的%s。", k.c.region(other.Region).NameZh, k.valueText(other, ind), regName, regName, name),
					fmt.Sprintf("This is %s's figure (%s), not %s's; the data have no %s for %s.", k.c.region(other.Region).NameEn, k.valueText(other, ind), regName, name, regName))})
			}
		}
		res.Verdict = NotInData
		res.Message = k.say(fmt.Sprintf("数据中没有%s的%s；这不等于数字有误。", regName, name),
			fmt.Sprintf("Not in the data: no %s for %s is stored. That does not mean it is wrong.", name, regName))
		return res
	}
	order, by := periods(series)
	var chosen string
	note := ""
	switch {
	case stated && pm.period != "":
		chosen = pm.period
	default:
		if stated && pm.period == "" {
			note = k.say("（「"+pm.text+"」需要给出日期才能确定年份）", " (\""+pm.text+"\" needs a date to fix its year)")
		}
		// No period stated: the latest period published by the text's date.
		for _, p := range order {
			for _, s := range by[p] {
				if k.o.Date.IsZero() || s.SourcePublished != "" && lastDay(s.SourcePublished) <= k.o.Date.Format("2006-01-02") {
					chosen = p
				}
			}
		}
		if chosen == "" {
			chosen = order[len(order)-1]
		}
	}
	vintages := by[chosen]
	if len(vintages) == 0 {
		if other := k.sameValueElsewhere(ind, region, v, chosen); other != nil && named {
			return k.differs(idx, res, other, ind, Finding{KindRegion, k.say(
				fmt.Sprintf("这是%s的数字（%s）；数据中没有%s%s的%s。", k.c.region(other.Region).NameZh, k.valueText(other, ind), regName, pm.text, name),
				fmt.Sprintf("This is %s's figure (%s); the data have no %s for %s in %s.", k.c.region(other.Region).NameEn, k.valueText(other, ind), name, regName, pm.text))})
		}
		if other := sameValue(series, v); other != nil {
			return k.differs(idx, res, latest(by[other.Period]), ind, Finding{KindPeriod, k.say(
				fmt.Sprintf("%s是%s的数字；数据中没有%s%s的%s。", k.valueText(other, ind), figure.Period(other.Period, figure.Zh), regName, pm.text, name),
				fmt.Sprintf("%s is the figure for %s; the data have no %s for %s in %s.", k.valueText(other, ind), figure.Period(other.Period, figure.En), name, regName, pm.text))})
		}
		res.Verdict = NotInData
		res.Message = k.say(fmt.Sprintf("数据中没有%s%s的%s；这不等于数字有误。", regName, pm.text, name),
			fmt.Sprintf("Not in the data: no %s for %s in %s is stored. That does not mean it is wrong.", name, regName, pm.text))
		return res
	}
	last := latest(vintages)
	k.resolved[idx] = last
	res.Figure = k.describe(last, ind)
	res.Sentence = k.sentence(last, ind)
	var fs []Finding
	switch {
	case v.Cmp(last.val) == 0:
		if f, ok := k.qualifier(t, last, ind); !ok {
			fs = append(fs, f)
		}
	case func() bool {
		for _, s := range vintages {
			if s != last && s.val.Cmp(v) == 0 {
				fs = append(fs, Finding{KindVintage, k.say(
					fmt.Sprintf("有更新的数字：%s（%s，%s公布）；%s是较早的%s（%s公布）。", k.valueText(last, ind), statusOr(last.Status, figure.Zh), figure.Date(last.SourcePublished, figure.Zh), k.valueText(s, ind), statusOr(s.Status, figure.Zh), figure.Date(s.SourcePublished, figure.Zh)),
					fmt.Sprintf("A newer vintage exists: %s (%s, published %s); %s is the earlier %s figure (published %s).", k.valueText(last, ind), statusOr(last.Status, figure.En), figure.Date(last.SourcePublished, figure.En), k.valueText(s, ind), statusOr(s.Status, figure.En), figure.Date(s.SourcePublished, figure.En)))})
				return true
			}
		}
		return false
	}():
	case k.scaled(v, last.val) != 0:
		fs = append(fs, Finding{KindScale, k.say(
			fmt.Sprintf("数量级不对：存储的数字是%s，文中的数字差了%s倍（亿与万混淆？）。", k.valueText(last, ind), pow10Text(k.scaled(v, last.val))),
			fmt.Sprintf("Wrong scale: the stored figure is %s; the text is off by a factor of %s (亿 and 万 confused?).", k.valueText(last, ind), pow10Text(k.scaled(v, last.val))))})
	default:
		if other := sameValue(series, v); other != nil && other.Period != chosen {
			if stated {
				fs = append(fs, Finding{KindPeriod, k.say(
					fmt.Sprintf("%s是%s的数字；%s的是%s。", k.valueText(other, ind), figure.Period(other.Period, figure.Zh), figure.Period(chosen, figure.Zh), k.valueText(last, ind)),
					fmt.Sprintf("%s is the figure for %s; %s's is %s.", k.valueText(other, ind), figure.Period(other.Period, figure.En), figure.Period(chosen, figure.En), k.valueText(last, ind)))})
			} else {
				fs = append(fs, Finding{KindPeriod, k.say(
					fmt.Sprintf("文中没有写时期；%s是%s的数字，最新的是%s的%s。", k.valueText(other, ind), figure.Period(other.Period, figure.Zh), figure.Period(chosen, figure.Zh), k.valueText(last, ind)),
					fmt.Sprintf("The text states no period; %s is the figure for %s, the latest is %s for %s.", k.valueText(other, ind), figure.Period(other.Period, figure.En), k.valueText(last, ind), figure.Period(chosen, figure.En)))})
			}
			break
		}
		if other := k.sameValueElsewhere(ind, region, v, chosen); other != nil && named {
			fs = append(fs, Finding{KindRegion, k.say(
				fmt.Sprintf("这是%s的数字（%s）；%s的是%s。", k.c.region(other.Region).NameZh, k.valueText(other, ind), regName, k.valueText(last, ind)),
				fmt.Sprintf("This is %s's figure (%s); %s's is %s.", k.c.region(other.Region).NameEn, k.valueText(other, ind), regName, k.valueText(last, ind)))})
			break
		}
		if looserBound(last, t, ind.Unit) {
			// 突破1万亿元 for 超1.01万亿元: a bound the source's figure keeps
			note += k.say("注意：来源写的是"+k.valueText(last, ind)+"；文中的界限比来源宽，说得少于来源，仍然成立。",
				" Note: the source gives "+k.valueText(last, ind)+"; the text's bound is looser, says less than the source, and still holds.")
			break
		}
		if roundsTo(last.val, t, ind.Unit) {
			if t.qual == "about" {
				break // 约0.95万亿元 for 9501亿元: rounded and says so
			}
			fs = append(fs, Finding{KindRounded, k.say(
				fmt.Sprintf("存储的数字是%s；文中的数字是它的近似值，却没有写“约”。", k.valueText(last, ind)),
				fmt.Sprintf("The stored figure is %s; the text rounds it without saying \"about\".", k.valueText(last, ind)))})
			break
		}
		if new(big.Rat).Neg(v).Cmp(last.val) == 0 {
			// 下降6.3% (or fell, or -6.3%) where a rise of 6.3% is stored, or the other way round
			fs = append(fs, Finding{KindValue, k.say(
				fmt.Sprintf("方向相反：存储的数字是%s，文中写成了%s。", k.valueText(last, ind), map[bool]string{true: "下降（负数）", false: "增长（正数）"}[v.Sign() < 0]),
				fmt.Sprintf("The sign is reversed: the stored figure is %s; the text makes it a %s.", k.valueText(last, ind), map[bool]string{true: "fall (negative)", false: "rise (positive)"}[v.Sign() < 0]))})
			break
		}
		fs = append(fs, Finding{KindValue, k.say(
			fmt.Sprintf("数值不同：存储的数字是%s。", k.valueText(last, ind)),
			fmt.Sprintf("The value differs: the stored figure is %s.", k.valueText(last, ind)))})
	}
	if last.Status == "target" && !w.targetWord {
		fs = append(fs, Finding{KindTarget, k.say(
			"这是目标，不是已实现的数字：原文说的是"+k.valueText(last, ind)+"（目标，"+figure.Period(last.Period, figure.Zh)+"）。",
			"This is a target, not an outcome: the source gives "+k.valueText(last, ind)+" as a target for "+figure.Period(last.Period, figure.En)+".")})
	}
	// A status is judged on the figure the text quotes, not on another one.
	if v.Cmp(last.val) == 0 && w.status != "" && last.Status != "target" && last.Status != "unknown" && w.status != last.Status {
		fs = append(fs, Finding{KindStatus, k.say(
			fmt.Sprintf("文中称%s，存储的%s是%s。", figure.Status(w.status, figure.Zh), k.valueText(last, ind), figure.Status(last.Status, figure.Zh)),
			fmt.Sprintf("The text calls it %s; the stored %s is %s.", figure.Status(w.status, figure.En), k.valueText(last, ind), figure.Status(last.Status, figure.En)))})
	}
	if len(fs) > 0 {
		res.Verdict, res.Findings = Differs, fs
		var ms []string
		for _, f := range fs {
			ms = append(ms, f.Message)
		}
		res.Message = strings.Join(ms, " ")
		return res
	}
	if stated && pm.period != "" && (last.PeriodStated == press.PeriodInferred || last.PeriodStated == press.PeriodRecent) {
		// The value is right, but the draft names a period its source did not.
		note += k.say("注意：来源没有写明时期（数据记为"+figure.Period(last.Period, figure.Zh)+"，是推定的）；文中写“"+pm.text+"”超出了来源所说，可改用下面的句子。",
			" Note: the source does not state the period (recorded as "+figure.Period(last.Period, figure.En)+", inferred); writing \""+pm.text+"\" claims more than the source: the sentence below does not.")
	}
	if finerThanSource(t, last, ind.Unit) {
		note += k.say("注意：来源写的是"+k.valueText(last, ind)+"；文中多写了来源没有的位数，超出了来源的精度。",
			" Note: the source gives "+k.valueText(last, ind)+"; the text writes more places than the source did, a precision it did not state.")
	}
	if w.status != "" && last.Status == "unknown" {
		// The value is right, but the source did not say what the draft does.
		note += k.say("注意：来源没有说明这是初步数、最终数还是修订数；文中写“"+figure.Status(w.status, figure.Zh)+"”超出了来源所说，可改用下面的句子。",
			" Note: the source does not say whether this figure is preliminary, final or revised; calling it "+figure.Status(w.status, figure.En)+" claims more than the source: the sentence below does not.")
	}
	res.Verdict = Matches
	res.Message = k.say(
		fmt.Sprintf("与存储的数字一致：%s%s%s %s（%s，%s）。%s", regName, figure.Period(last.Period, figure.Zh), name, k.valueText(last, ind), res.Figure.Source, figure.Date(last.SourcePublished, figure.Zh), note),
		fmt.Sprintf("Matches the stored figure: %s, %s, %s: %s (%s, %s).%s", name, regName, figure.Period(last.Period, figure.En), k.valueText(last, ind), res.Figure.Source, figure.Date(last.SourcePublished, figure.En), note))
	return res
}

func (k *checker) differs(idx int, res Result, s *stored, ind *indicator, f Finding) Result {
	k.resolved[idx] = s
	res.Verdict, res.Findings, res.Message = Differs, []Finding{f}, f.Message
	res.Figure = k.describe(s, ind)
	res.Sentence = k.sentence(s, ind)
	return res
}

func statusOr(status string, l figure.Lang) string {
	if s := figure.Status(status, l); s != "" {
		return s
	}
	if l == figure.En {
		return "status not stated"
	}
	return "状态未注明"
}

func (k *checker) valueText(s *stored, ind *indicator) string {
	u := figure.Unit{Code: ind.Unit, Zh: ind.UnitZh, En: ind.UnitEn}
	if k.zh() {
		return press.ZhValue(s.Value, s.Qualifier, u)
	}
	return figure.Value(s.Value, s.Qualifier, u, figure.En)
}

// sameValue finds, in a series, the latest vintage of another period whose
// value is v.
func sameValue(series []*stored, v *big.Rat) *stored {
	order, by := periods(series)
	for i := len(order) - 1; i >= 0; i-- {
		if l := latest(by[order[i]]); l.val.Cmp(v) == 0 {
			return l
		}
	}
	return nil
}

// sameValueElsewhere finds another region's figure of the indicator with
// value v (in the given period, when one is given).
func (k *checker) sameValueElsewhere(ind *indicator, region string, v *big.Rat, per string) *stored {
	for _, r := range k.c.regions {
		if r.ID == region {
			continue
		}
		_, by := periods(k.c.series[seriesKey{ind.ID, r.ID}])
		for p, vs := range by {
			if per != "" && p != per {
				continue
			}
			if l := latest(vs); l.val.Cmp(v) == 0 {
				return l
			}
		}
	}
	return nil
}

// scaled says by which power of ten the text's value is off the stored
// one (4 or 8 for 万 and 亿 swapped), or 0.
func (k *checker) scaled(v, stored *big.Rat) int {
	if v.Sign() == 0 || stored.Sign() == 0 {
		return 0
	}
	for _, n := range []int{4, -4, 8, -8, 3, -3} {
		x := new(big.Rat).Mul(v, pow10(n))
		if x.Cmp(stored) == 0 {
			return n
		}
	}
	return 0
}

func pow10(n int) *big.Rat {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(n))), nil)
	if n < 0 {
		return new(big.Rat).SetFrac(big.NewInt(1), p)
	}
	return new(big.Rat).SetInt(p)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func pow10Text(n int) string {
	return "10^" + itoa(abs(n))
}

// roundsTo says whether the stored value, rounded to the last digit the
// text wrote (in the text's own scale), gives the text's value: 9501 亿元
// written as 0.95万亿.
func roundsTo(stored *big.Rat, t token, unit string) bool {
	step := pow10(lastDigit(t, unit))
	q := new(big.Rat).Quo(stored, step)
	// round half away from zero
	num, den := q.Num(), q.Denom()
	twice := new(big.Int).Mul(num, big.NewInt(2))
	twice.Add(twice, den)
	n := new(big.Int).Div(twice, new(big.Int).Mul(den, big.NewInt(2)))
	rounded := new(big.Rat).Mul(new(big.Rat).SetInt(n), step)
	v := valueIn(t, unit)
	return rounded.Cmp(v) == 0 && rounded.Cmp(stored) != 0
}

// looserBound says whether the text gives a bound that the stored figure
// keeps, rounded outwards at the text's last digit: "more than 1 trillion"
// for a stored "more than 1.01 trillion" or an exact 1.01 trillion, "less
// than 10%" for 9.6%. Only the rounding of the stored figure counts:
// "more than 5 yuan" is true of a trillion but says nothing.
func looserBound(s *stored, t token, unit string) bool {
	lower := map[string]bool{"more_than": true, "at_least": true}
	upper := map[string]bool{"less_than": true, "at_most": true}
	v := valueIn(t, unit)
	exp := lastDigit(t, unit)
	if !strings.Contains(t.num, ".") { // 超5000家: a round number, to the thousand
		exp += len(t.num) - len(strings.TrimRight(t.num, "0"))
	}
	step := pow10(exp)
	q := new(big.Rat).Quo(s.val, step)
	n := new(big.Int).Quo(q.Num(), q.Denom()) // toward zero
	switch {
	case lower[t.qual] && (lower[s.Qualifier] || s.Qualifier == "exact") && v.Cmp(s.val) < 0 && s.val.Sign() > 0:
		// floor
	case upper[t.qual] && (upper[s.Qualifier] || s.Qualifier == "exact") && v.Cmp(s.val) > 0 && s.val.Sign() >= 0:
		if new(big.Rat).SetInt(n).Cmp(q) != 0 {
			n.Add(n, big.NewInt(1)) // ceiling
		}
	default:
		return false
	}
	return new(big.Rat).Mul(new(big.Rat).SetInt(n), step).Cmp(v) == 0
}

// lastDigit is the power of ten of the text's last written digit, in the
// indicator's unit: 0.95万亿 in 亿元 is 2 (hundreds of 亿), 6.30% is -2.
func lastDigit(t token, unit string) int {
	decimals := 0
	if _, f, ok := strings.Cut(t.num, "."); ok {
		decimals = len(f)
	}
	if unit == "count" {
		return t.scale - decimals
	}
	return t.scale - map[string]int{"yi_yuan": 8}[unit] - decimals
}

// finerThanSource says whether the text writes a matching figure to more
// places than its source did: 6.30% for a published 6.3%.
func finerThanSource(t token, s *stored, unit string) bool {
	decimals := 0
	if _, f, ok := strings.Cut(s.digits, "."); ok {
		decimals = len(f)
	}
	return lastDigit(t, unit) < -decimals
}

// qualifier compares the text's qualifier with the stored one.
func (k *checker) qualifier(t token, s *stored, ind *indicator) (Finding, bool) {
	if t.qual == s.Qualifier {
		return Finding{}, true
	}
	stored := k.valueText(s, ind)
	word := figure.QualifierPrefix(s.Qualifier, k.o.Lang)
	switch {
	case t.qual == "exact":
		return Finding{KindQualifier, k.say(
			fmt.Sprintf("漏了限定词：原文是%s，不是确数（应写“%s”）。", stored, strings.TrimSpace(word)),
			fmt.Sprintf("Qualifier missing: the source says %s, not an exact figure (write \"%s\").", stored, strings.TrimSpace(word)))}, false
	case s.Qualifier == "exact":
		return Finding{KindQualifier, k.say(
			fmt.Sprintf("多了限定词：原文是确数%s。", stored),
			fmt.Sprintf("Qualifier added: the source gives the exact figure %s.", stored))}, false
	}
	return Finding{KindQualifier, k.say(
		fmt.Sprintf("限定词不同：原文是%s。", stored),
		fmt.Sprintf("Qualifier changed: the source says %s.", stored))}, false
}

// evalMeasure checks a figure against a policy measure's amount.
func (k *checker) evalMeasure(t token, m *measure) Result {
	res := Result{Link: "/topics/funds"}
	conv := func(d string) *big.Rat {
		if t.base == "折" {
			d = figure.Shift(d, 1) // 3折 = 30%
		}
		v, _ := new(big.Rat).SetString(figure.Shift(d, t.scale-m.unit.scale))
		return v
	}
	name := m.MeasureZh
	if !k.zh() {
		name = m.MeasureEn
	}
	if p, ok := press.Measure(m.PolicyMeasure, m.cite); ok {
		res.Sentence = p.Lang(k.o.Lang).Text()
		body := p.Lang(k.o.Lang).Body
		res.Figure = &Stored{Indicator: "policy_measure", Name: name, Value: body, Source: m.cite.Name(k.o.Lang), Published: m.cite.Published, URL: m.cite.URL}
	}
	amount := m.Amount + m.UnitZh
	if !k.zh() {
		amount = m.Amount + " " + m.UnitEn
	}
	qz, qe := figure.QualifierPrefix(m.Qualifier, figure.Zh), figure.QualifierPrefix(m.Qualifier, figure.En)
	if m.Qualifier == "range" {
		qz, qe = "", ""
	}
	ok := conv(t.num).Cmp(m.lo) == 0 && (m.hi == nil || conv(t.hi).Cmp(m.hi) == 0)
	switch {
	case !ok:
		res.Verdict = Differs
		res.Findings = []Finding{{KindValue, k.say("数值不同：政策原文是"+qz+amount+"。",
			"The value differs: the policy says "+qe+amount+".")}}
	case m.Qualifier != "range" && t.qual != m.Qualifier:
		res.Verdict = Differs
		res.Findings = []Finding{{KindQualifier, k.say("限定词不同：政策原文是"+qz+amount+"。",
			"Qualifier differs: the policy says "+qe+amount+".")}}
	default:
		res.Verdict = Matches
		res.Message = k.say("与政策措施一致："+name+" "+qz+amount+"（"+m.cite.Name(figure.Zh)+"，"+figure.Date(m.cite.Published, figure.Zh)+"）。",
			"Matches the policy measure: "+name+", "+qe+amount+" ("+m.cite.Name(figure.En)+", "+figure.Date(m.cite.Published, figure.En)+").")
		return res
	}
	res.Message = res.Findings[0].Message
	return res
}

// ratio checks "接近全国平均水平3倍": the figure stated just before it in the
// sentence, divided by the same indicator and period for the region the
// ratio names.
func (k *checker) ratio(idx int, t token, w where) Result {
	notIn := func(zh, en string) Result { return Result{Verdict: NotInData, Message: k.say(zh, en)} }
	var subj *stored
	for j := idx - 1; j >= 0; j-- {
		if k.toks[j].end <= w.sentence.start {
			break
		}
		if k.resolved[j] != nil {
			subj = k.resolved[j]
			break
		}
	}
	if subj == nil {
		return notIn("数据中找不到这个倍数比较的是哪两个数字；这不等于数字有误。",
			"Not in the data: the figures this ratio compares were not found. That does not mean it is wrong.")
	}
	ind := k.c.indByID[subj.Indicator]
	var other string
	for _, m := range k.regions {
		if w.local.contains(m.start) && m.id != subj.Region {
			other = m.id
			break
		}
	}
	if other == "" {
		return notIn("看不出这个倍数是和哪个地区比较；这不等于数字有误。",
			"Not in the data: the ratio does not say which region it compares with. That does not mean it is wrong.")
	}
	var all []queries.Observation
	for _, s := range k.c.series[seriesKey{ind.ID, other}] {
		all = append(all, s.Observation)
	}
	b, ok := press.Counterpart(subj.Observation, other, all)
	if !ok {
		_, by := periods(k.c.series[seriesKey{ind.ID, other}])
		l := latest(by[subj.Period])
		if l == nil {
			return notIn(fmt.Sprintf("数据中没有%s%s的%s，无法核对倍数；这不等于数字有误。", k.c.region(other).NameZh, figure.Period(subj.Period, figure.Zh), ind.NameZh),
				fmt.Sprintf("Not in the data: no %s for %s in %s to check the ratio against. That does not mean it is wrong.", press.IndicatorShort(ind.Indicator), k.c.region(other).NameEn, figure.Period(subj.Period, figure.En)))
		}
		b = l.Observation
	}
	bs := &stored{Observation: b, digits: figure.Digits(b.Value)}
	bs.val, _ = new(big.Rat).SetString(bs.digits)
	qual := t.qual
	if qual == "exact" {
		// 接近全国平均水平3倍: the qualifier opens the clause.
		pre := strings.TrimLeft(k.s[w.local.start:t.start], " ")
		for _, q := range zhQualBefore {
			if strings.HasPrefix(pre, q.word) {
				qual = q.qual
				break
			}
		}
	}
	if bs.val.Sign() == 0 {
		return notIn("比较的数字为零，无法计算倍数。", "The figure compared with is zero: no ratio.")
	}
	r := new(big.Rat).Quo(subj.val, bs.val)
	n, _ := new(big.Rat).SetString(t.num)
	holds := ratioHolds(r, n, qual)
	res := Result{Link: link(ind.ID), Figure: k.describe(subj, ind), Compared: k.describe(bs, ind)}
	claim := figure.QualifierPrefix(qual, k.o.Lang) + t.num
	res.Arithmetic = fmt.Sprintf("%s ÷ %s = %s", subj.digits, bs.digits, r.FloatString(3))
	if p, err := press.Compare(press.Figure{Obs: subj.Observation, Indicator: ind.Indicator, Region: k.c.region(subj.Region)},
		press.Figure{Obs: b, Indicator: ind.Indicator, Region: k.c.region(b.Region)}); err == nil {
		res.Sentence = p.Lang(k.o.Lang).Text()
	} else {
		// press will not write this comparison (a target, or a period a
		// source did not state): offer the figure's own sentence.
		res.Sentence = k.sentence(subj, ind)
	}
	desc := press.DescribeRatio(subj.Value, b.Value)
	words := figure.QualifierPrefix(desc.Kind, k.o.Lang) + itoa(desc.Times)
	if desc.Kind == "lower" || desc.Kind == "higher" || desc.Kind == "same" {
		words = desc.Kind
	}
	if holds {
		res.Verdict = Matches
		res.Message = k.say(
			fmt.Sprintf("倍数成立：%s（%s）÷ %s（%s%s，%s）= %s，%s倍。", k.valueText(subj, ind), k.c.region(subj.Region).NameZh, k.valueText(bs, ind), k.c.region(b.Region).NameZh, figure.Period(b.Period, figure.Zh), statusOr(b.Status, figure.Zh), r.FloatString(3), claim),
			fmt.Sprintf("The ratio holds: %s (%s) ÷ %s (%s, %s, %s) = %s, %s times.", k.valueText(subj, ind), k.c.region(subj.Region).NameEn, k.valueText(bs, ind), k.c.region(b.Region).NameEn, figure.Period(b.Period, figure.En), statusOr(b.Status, figure.En), r.FloatString(3), claim))
		return res
	}
	f := Finding{KindRatio, k.say(
		fmt.Sprintf("倍数不成立：%s（%s）÷ %s（%s%s，%s）= %s，不是%s倍（可写：%s倍）。", k.valueText(subj, ind), k.c.region(subj.Region).NameZh, k.valueText(bs, ind), k.c.region(b.Region).NameZh, figure.Period(b.Period, figure.Zh), statusOr(b.Status, figure.Zh), r.FloatString(3), claim, words),
		fmt.Sprintf("The ratio does not hold: %s (%s) ÷ %s (%s, %s, %s) = %s, not %s times (the stored figures say: %s times).", k.valueText(subj, ind), k.c.region(subj.Region).NameEn, k.valueText(bs, ind), k.c.region(b.Region).NameEn, figure.Period(b.Period, figure.En), statusOr(b.Status, figure.En), r.FloatString(3), claim, words))}
	res.Verdict, res.Findings, res.Message = Differs, []Finding{f}, f.Message
	return res
}

// ratioHolds says whether ratio r bears out a claim of n times with a
// qualifier, by the rules press.DescribeRatio writes sentences with:
// about and an unqualified n mean within 2% of n; nearly means below n by
// less than 0.25; more than means above n.
func ratioHolds(r, n *big.Rat, qual string) bool {
	diff := new(big.Rat).Sub(r, n)
	switch qual {
	case "nearly":
		return diff.Sign() < 0 && new(big.Rat).Neg(diff).Cmp(big.NewRat(1, 4)) < 0
	case "more_than":
		return diff.Sign() > 0
	case "at_least":
		return diff.Sign() >= 0
	case "at_most":
		return diff.Sign() <= 0
	case "less_than":
		return diff.Sign() < 0
	}
	lim := new(big.Rat).Mul(n, big.NewRat(2, 100))
	return new(big.Rat).Abs(diff).Cmp(lim) <= 0
}
