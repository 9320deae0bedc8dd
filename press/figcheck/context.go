package figcheck

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"districtstats/figure"
	"districtstats/press"
)

// span is a stretch of the normalized text.
type span struct{ start, end int }

func (a span) contains(i int) bool { return i >= a.start && i < a.end }

// at gives a mention's place in the text.
func (a span) at() span { return a }

// sentenceBreak and segmentBreak end a sentence and a clause. A full stop
// ends an English sentence only when a space or the end follows (7.66 is a
// number).
func sentenceBreak(s string, i int) bool {
	switch s[i] {
	case '!', '?', ';', '\n':
		return true
	case '.':
		return i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n'
	}
	for _, p := range []string{"。", "！", "？"} {
		if strings.HasPrefix(s[i:], p) {
			return true
		}
	}
	return false
}

func segmentBreak(s string, i int) bool {
	if sentenceBreak(s, i) {
		return true
	}
	switch s[i] {
	case ',', ':', '(', ')':
		return true
	case ' ':
		// English lists: "31 champions, 310 firms and more than 5,500 enterprises"
		return strings.HasPrefix(s[i:], " and ") && i > 0 && s[i-1] < 128
	}
	for _, p := range []string{"，", "、", "（", "）", "【", "】", "…"} {
		if strings.HasPrefix(s[i:], p) {
			return true
		}
	}
	return false
}

// around finds the boundaries around [start, end): the text back to the
// previous break and on to the next.
func around(s string, start, end int, brk func(string, int) bool) span {
	a := start
	for a > 0 {
		_, size := utf8.DecodeLastRuneInString(s[:a])
		if brk(s, a-size) {
			break
		}
		a -= size
	}
	b := end
	for b < len(s) && !brk(s, b) {
		_, size := utf8.DecodeRuneInString(s[b:])
		b += size
	}
	return span{a, b}
}

// where is a figure's surroundings.
type where struct {
	tok        token
	local      span // its clause
	sentence   span
	grams      map[string]float64 // context words and character pairs, weighted by nearness
	targetWord bool               // the sentence calls it a goal (有望, 力争, expected …)
	status     string             // the status its clause gives it (初步核算: preliminary …), "" for none
}

// statusWords are what a draft says of a figure's status, in its clause.
// Only set phrases: 初步 alone also means "initially" (初步形成).
var statusWords = []struct{ word, status string }{
	{"初步核算", "preliminary"}, {"初步统计", "preliminary"}, {"初步数", "preliminary"}, {"快报", "preliminary"},
	{"最终核实", "final"}, {"最终核算", "final"}, {"最终数", "final"}, {"核实数", "final"},
	{"修订后", "revised"}, {"修订为", "revised"}, {"修正后", "revised"}, {"修订数", "revised"},
	{"preliminary", "preliminary"}, {"provisional", "preliminary"}, {"flash estimate", "preliminary"},
	{"final figure", "final"}, {"finalised", "final"}, {"finalized", "final"}, {"final estimate", "final"},
	{"revised", "revised"},
}

var targetWords = []string{"有望", "力争", "目标", "预计", "计划", "争取", "将达", "将迈", "expected", "target", "aim", "plan",
	"projected", "set to", "will"}

func locate(s string, t token) where {
	w := where{tok: t}
	w.local = around(s, t.start, t.end, segmentBreak)
	if strings.TrimSpace(s[w.local.start:t.start]) == "" && strings.HasSuffix(s[:w.local.start], "、") {
		// "最高300万元、500万元资助": a listed figure shares the words of the
		// clause it is listed in.
		w.local.start = around(s, w.local.start-len("、"), w.local.start-len("、"), segmentBreak).start
	}
	w.sentence = around(s, t.start, t.end, sentenceBreak)
	sent := strings.ToLower(s[w.sentence.start:w.sentence.end])
	for _, tw := range targetWords {
		if strings.Contains(sent, tw) {
			w.targetWord = true
		}
	}
	clause := strings.ToLower(s[w.local.start:w.local.end])
	for _, sw := range statusWords {
		if strings.Contains(clause, sw.word) {
			w.status = sw.status
			break
		}
	}
	w.grams = map[string]float64{}
	units := splitUnits(s[w.sentence.start:w.sentence.end])
	weights := make([]float64, len(units))
	// distance in units from the figure, for text outside its clause
	before, after := 0, 0
	for _, u := range units {
		if u.end+w.sentence.start <= t.start {
			before++
		}
	}
	// Chinese names the thing before its number (国高企业超5500家), English
	// mostly after it (5,500 national high-tech enterprises).
	pre, post := 1.0, 0.9
	if t.lang == figure.En {
		pre, post = 0.9, 1.0
	}
	for k, u := range units {
		at := u.start + w.sentence.start
		switch {
		case at >= t.start && at < t.end:
			weights[k] = 1
		case at >= w.local.start && at < t.start:
			weights[k] = pre
		case at >= t.end && at < w.local.end:
			weights[k] = post
		case at < w.local.start:
			d := before - k
			weights[k] = 0.8 / (1 + float64(d)/40)
		default:
			after++
			weights[k] = 0.3 / (1 + float64(after)/20)
		}
	}
	put := func(g string, v float64) {
		if v > w.grams[g] {
			w.grams[g] = v
		}
	}
	for k, u := range units {
		if !isHanUnit(u.text) {
			if !stopwords[u.text] {
				put(u.text, weights[k])
			}
			continue
		}
		put(u.text, weights[k])
		if k+1 < len(units) && isHanUnit(units[k+1].text) {
			put(u.text+units[k+1].text, min(weights[k], weights[k+1]))
		}
	}
	return w
}

// score says how well a name fits the figure's surroundings: the share of
// the name's pairs or words found there, each counted by its nearness.
func (w where) score(terms []term) float64 {
	c, _ := w.scores(terms)
	return c
}

// scores gives the best term's coverage and how much of the figure's own
// clause it matched (the count of its pairs found there): "全社会研发投入"
// matches more than "GDP" does.
func (w where) scores(terms []term) (float64, float64) {
	best, bestSum := 0.0, 0.0
	for _, t := range terms {
		if len(t.grams) == 0 {
			continue
		}
		sum, local := 0.0, 0.0
		for _, g := range t.grams {
			sum += w.grams[g]
			if w.grams[g] >= 0.9 {
				local++
			}
		}
		if v := sum / float64(len(t.grams)); v > best || v == best && local > bestSum {
			best, bestSum = v, local
		}
	}
	return best, bestSum
}

// regionRef is a way a text names a region.
type regionRef struct {
	text  string
	id    string
	short bool // a short form (a name without 区/市): not when a place name goes on (…湾)
	fold  bool // English: compare case-insensitively
}

func regionRefsOf(c *Catalog) []regionRef {
	var refs []regionRef
	city := c.parentOf(c.Home)
	province := c.parentOf(city)
	country := ""
	for _, r := range c.regions {
		if r.Level == "country" {
			country = r.ID
		}
		refs = append(refs, regionRef{text: r.NameZh, id: r.ID}, regionRef{text: r.NameEn, id: r.ID, fold: true})
		for _, suf := range []string{"新区", "区", "市", "省"} {
			if short, ok := strings.CutSuffix(r.NameZh, suf); ok && utf8.RuneCountInString(short) >= 2 {
				refs = append(refs, regionRef{text: short, id: r.ID, short: true})
				break
			}
		}
		if short := press.RegionShort(r); short != r.NameEn {
			refs = append(refs, regionRef{text: short, id: r.ID, fold: true})
		}
	}
	rel := func(id string, words ...string) {
		if id == "" {
			return
		}
		for _, w := range words {
			refs = append(refs, regionRef{text: w, id: id, fold: w[0] < 128})
		}
	}
	rel(c.Home, "全区", "本区", "辖区", "the district", "districtwide")
	rel(city, "全市", "本市", "the city", "citywide")
	rel(province, "全省", "本省", "the province", "provincewide")
	rel(country, "全国", "national", "nationwide", "the country", "the nation")
	return refs
}

// placeGoesOn are characters that make a short region name part of a
// place's name: 深圳湾, 南山路, 南山医院.
const placeGoesOn = "湾河湖路站港桥街村园古大医公实北东西中"

type regionMention struct {
	span
	id, text string
}

func (c *Catalog) regionMentions(s string) []regionMention {
	var out []regionMention
	low := strings.ToLower(s)
	for _, r := range c.regionRefs {
		hay, needle := s, r.text
		if r.fold {
			hay, needle = low, strings.ToLower(r.text)
		}
		for off := 0; ; {
			i := strings.Index(hay[off:], needle)
			if i < 0 {
				break
			}
			i += off
			end := i + len(needle)
			off = end
			if r.fold && (i > 0 && isLetter(s[i-1]) || end < len(s) && isLetter(s[end])) {
				continue
			}
			if r.short {
				if next, _ := utf8.DecodeRuneInString(s[end:]); strings.ContainsRune(placeGoesOn, next) {
					continue
				}
			}
			if strings.HasSuffix(s[:i], "占") {
				continue // 占全市: the share's denominator, not the subject
			}
			if c.inIndicatorName(s, low, i, end) {
				continue // "national" in "national high-tech enterprises": a name, not China
			}
			out = append(out, regionMention{span{i, end}, r.id, needle})
		}
	}
	// A longer mention wins where two overlap (南山区 over 南山).
	var kept []regionMention
	for _, m := range out {
		inside := false
		for _, o := range out {
			if o.end-o.start > m.end-m.start && o.start <= m.start && o.end >= m.end {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, m)
		}
	}
	return kept
}

// inIndicatorName says whether s[i:end] lies inside an indicator's name
// written in the text (low is s in lower case): the region word of
// 国家高新技术企业 or "national high-tech enterprises" names no region.
func (c *Catalog) inIndicatorName(s, low string, i, end int) bool {
	for _, ind := range c.indicators {
		for _, name := range []string{ind.NameZh, strings.ToLower(ind.NameEn)} {
			hay := s
			if name != ind.NameZh {
				hay = low
			}
			if name == "" || len(name) <= end-i {
				continue
			}
			from := max(0, end-len(name))
			if k := strings.Index(hay[from:min(len(hay), i+len(name))], name); k >= 0 && from+k <= i && from+k+len(name) >= end {
				return true
			}
		}
	}
	return false
}

// periodMention is a period the text names, as data/ writes periods.
type periodMention struct {
	span
	period string // "2024", "2024H1", "as of 2020-12-31" …; "" when relative and no date was given
	text   string
	ignore bool // a date (2025-03-26): not a period, but its year is not one either
}

var (
	reISODate  = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
	reCum      = regexp.MustCompile(`(\d{4})年(\d{1,2})-(\d{1,2})月`)
	reHalfZh   = regexp.MustCompile(`(\d{4})年(上|下)半年`)
	reQZh      = regexp.MustCompile(`(\d{4})年(?:第)?([一二三四1-4])季度`)
	reAsOfZh   = regexp.MustCompile(`截至(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(?:底|末)?`)
	reEndZh    = regexp.MustCompile(`(\d{4})年(?:底|末)`)
	reMonthZh  = regexp.MustCompile(`(\d{4})年(\d{1,2})月`)
	reYearZh   = regexp.MustCompile(`(\d{4})年`)
	reRelZh    = regexp.MustCompile(`去年|上年|上一年|今年|本年|前年`)
	reCumNoY   = regexp.MustCompile(`(\d{1,2})-(\d{1,2})月`)
	reEndEn    = regexp.MustCompile(`(?i)\bend(?: of|-) ?(\d{4})\b`)
	reHalfEn   = regexp.MustCompile(`(?i)\b(first|second) half of (\d{4})\b`)
	reQEn      = regexp.MustCompile(`\bQ([1-4]) (\d{4})\b`)
	reRelEn    = regexp.MustCompile(`(?i)\b(last year|this year|the previous year)\b`)
	reYearEn   = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	cnQuarters = map[string]string{"一": "1", "二": "2", "三": "3", "四": "4", "1": "1", "2": "2", "3": "3", "4": "4"}
)

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func lastOfMonth(y, m int) string {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// periodMentions finds every period the text names. Relative words (去年,
// last year) need the reference date; without one they are kept with an
// empty period so the result can say why.
func periodMentions(s string, ref time.Time, figures []token) []periodMention {
	var out []periodMention
	taken := func(a, b int) bool {
		for _, m := range out {
			if a < m.end && b > m.start {
				return true
			}
		}
		for _, t := range figures {
			if a < t.end && b > t.start {
				return true
			}
		}
		return false
	}
	add := func(re *regexp.Regexp, f func(m []string) string) {
		for _, ix := range re.FindAllStringSubmatchIndex(s, -1) {
			if taken(ix[0], ix[1]) {
				continue
			}
			var m []string
			for k := 0; k < len(ix); k += 2 {
				if ix[k] < 0 {
					m = append(m, "")
				} else {
					m = append(m, s[ix[k]:ix[k+1]])
				}
			}
			p := f(m)
			if p == "-" {
				continue
			}
			out = append(out, periodMention{span{ix[0], ix[1]}, p, m[0], p == "#"})
		}
	}
	add(reISODate, func(m []string) string { return "#" })
	year := func(y string) bool { n := atoi(y); return n >= 1900 && n <= 2100 }
	add(reAsOfZh, func(m []string) string {
		y := atoi(m[1])
		switch {
		case m[3] != "":
			return fmt.Sprintf("as of %04d-%02d-%02d", y, atoi(m[2]), atoi(m[3]))
		case m[2] != "":
			return "as of " + lastOfMonth(y, atoi(m[2]))
		}
		return fmt.Sprintf("as of %04d-12-31", y)
	})
	add(reEndZh, func(m []string) string { return "as of " + m[1] + "-12-31" })
	add(reCum, func(m []string) string {
		a, b := atoi(m[2]), atoi(m[3])
		if a < 1 || b > 12 || a > b {
			return "-"
		}
		return fmt.Sprintf("%s-%02d/%s-%02d", m[1], a, m[1], b)
	})
	add(reHalfZh, func(m []string) string { return m[1] + map[string]string{"上": "H1", "下": "H2"}[m[2]] })
	add(reQZh, func(m []string) string { return m[1] + "Q" + cnQuarters[m[2]] })
	add(reMonthZh, func(m []string) string {
		if atoi(m[2]) < 1 || atoi(m[2]) > 12 {
			return "-"
		}
		return fmt.Sprintf("%s-%02d", m[1], atoi(m[2]))
	})
	add(reYearZh, func(m []string) string {
		if !year(m[1]) {
			return "-"
		}
		return m[1]
	})
	rel := func(delta int) string {
		if ref.IsZero() {
			return ""
		}
		return strconv.Itoa(ref.Year() + delta)
	}
	add(reRelZh, func(m []string) string {
		return rel(map[string]int{"去年": -1, "上年": -1, "上一年": -1, "今年": 0, "本年": 0, "前年": -2}[m[0]])
	})
	add(reCumNoY, func(m []string) string {
		a, b := atoi(m[1]), atoi(m[2])
		if ref.IsZero() || a < 1 || b > 12 || a > b {
			return "-"
		}
		return fmt.Sprintf("%d-%02d/%d-%02d", ref.Year(), a, ref.Year(), b)
	})
	add(reEndEn, func(m []string) string { return "as of " + m[1] + "-12-31" })
	add(reHalfEn, func(m []string) string {
		return m[2] + map[string]string{"first": "H1", "second": "H2"}[strings.ToLower(m[1])]
	})
	add(reQEn, func(m []string) string { return m[2] + "Q" + m[1] })
	add(reRelEn, func(m []string) string {
		if strings.EqualFold(m[0], "this year") {
			return rel(0)
		}
		return rel(-1)
	})
	add(reYearEn, func(m []string) string { return m[1] })
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}
