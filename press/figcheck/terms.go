package figcheck

import (
	"strings"
	"unicode"
)

// abbreviations are the standard short forms of statistical terms that
// drafts use for the names in indicators.csv: a name containing the long
// form is also known by the name with the short form in its place. They
// are language, not data about any district.
var abbreviations = [][2]string{
	{"国家高新技术企业", "国高企业"},
	{"国家高新技术企业", "国家级高新技术企业"},
	{"战略性新兴产业", "战新产业"},
	{"第三产业", "三产"},
	{"第二产业", "二产"},
	// "二三产业比例为三七开": the split between the two names both shares.
	{"第二产业占GDP比重", "二三产业比例"},
	{"第三产业占GDP比重", "二三产业比例"},
	{"全社会研发投入占GDP比重", "研发投入强度"},
	{"全社会研发投入占GDP比重", "研发经费投入强度"},
	{"地区生产总值", "GDP"},
	{"地区生产总值", "经济总量"},
	{"占全市比重", "占比"},
	{"增速", "增长"},
	{"规模以上", "规上"},
	{"GDP rank", "ranked"},
	{"R&D expenditure as a share of GDP", "R&D intensity"},
	{"Gross domestic product (GDP)", "economic output"},
}

// expandAbbreviations adds, for each name, its forms with short terms.
func expandAbbreviations(names []string) []string {
	out := append([]string(nil), names...)
	for _, n := range names {
		for _, a := range abbreviations {
			if strings.Contains(n, a[0]) {
				out = append(out, strings.ReplaceAll(n, a[0], a[1]))
			}
		}
	}
	return out
}

// term is a name split into units: one per Chinese character, one per
// English word (lower case, light plural stripping); punctuation and
// quotes are dropped, so “小巨人” and "小巨人" read the same.
type term struct {
	raw   string
	units []string
	grams []string // Chinese: adjacent pairs (or the one unit); English: content words
}

var stopwords = map[string]bool{"of": true, "the": true, "a": true, "an": true, "and": true, "as": true, "in": true,
	"on": true, "to": true, "by": true, "for": true, "its": true, "at": true, "with": true, "from": true, "than": true,
	"is": true, "was": true, "were": true, "are": true, "had": true, "has": true, "have": true, "that": true}

func newTerm(s string) term {
	t := term{raw: s}
	for _, u := range splitUnits(s) {
		t.units = append(t.units, u.text)
	}
	t.grams = gramsOf(t.units)
	return t
}

// gramsOf is what a term is matched by: Chinese character pairs, English
// content words (a Chinese run of one character counts as itself).
func gramsOf(units []string) []string {
	var grams []string
	seen := map[string]bool{}
	add := func(g string) {
		if !seen[g] {
			seen[g] = true
			grams = append(grams, g)
		}
	}
	for i, u := range units {
		if !isHanUnit(u) {
			if !stopwords[u] {
				add(u)
			}
			continue
		}
		next := i+1 < len(units) && isHanUnit(units[i+1])
		prev := i > 0 && isHanUnit(units[i-1])
		if next {
			add(u + units[i+1])
		} else if !prev {
			add(u)
		}
	}
	return grams
}

func isHanUnit(u string) bool {
	for _, r := range u {
		return unicode.Is(unicode.Han, r)
	}
	return false
}

// unit is one context unit with where it stands in the text.
type unit struct {
	text       string
	start, end int // byte offsets
}

// splitUnits cuts text into Chinese characters and English words; digits
// are not words (numbers are figures, not context).
func splitUnits(s string) []unit {
	var out []unit
	word, wstart := []rune(nil), 0
	flush := func(end int) {
		if len(word) > 0 {
			w := stem(strings.ToLower(string(word)))
			if w != "" && !allDigits(w) {
				out = append(out, unit{w, wstart, end})
			}
			word = word[:0]
		}
	}
	for i, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			flush(i)
			out = append(out, unit{string(r), i, i + len(string(r))})
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&' || (r == '-' && len(word) > 0)):
			if len(word) == 0 {
				wstart = i
			}
			word = append(word, r)
		case r == '\'' && len(word) > 0:
			// "Nanshan's": the possessive ends the word.
			flush(i)
		default:
			flush(i)
		}
	}
	flush(len(s))
	// drop "s" left from "'s"
	var kept []unit
	for _, u := range out {
		if u.text != "s" {
			kept = append(kept, u)
		}
	}
	return kept
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			if r != '.' && r != ',' && r != '-' {
				return false
			}
		}
	}
	return true
}

// stem strips an English plural: "enterprises" -> "enterprise".
func stem(w string) string {
	w = strings.TrimRight(w, "-")
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}
