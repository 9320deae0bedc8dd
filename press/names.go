package press

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"districtstats/figure"
	"districtstats/queries"
)

func unitOf(i queries.Indicator) figure.Unit {
	return figure.Unit{Code: i.Unit, Zh: i.UnitZh, En: i.UnitEn}
}

// RegionShort is a region's short English name: "Nanshan District" ->
// "Nanshan", "Guangdong Province" -> "Guangdong", "Dapeng New District" -> "Dapeng".
func RegionShort(r queries.Region) string {
	n := r.NameEn
	for _, suffix := range []string{" New District", " District", " Province"} {
		if strings.HasSuffix(n, suffix) {
			return strings.TrimSuffix(n, suffix)
		}
	}
	return n
}

// IndicatorShort is an indicator's English name as it reads inside a
// sentence: an acronym in parentheses replaces the name ("Gross domestic
// product (GDP)" -> "GDP"), and a capital that only starts the name is
// lowered ("National high-tech enterprises" -> "national high-tech
// enterprises"; "R&D …", "AI …" and proper names such as "Nobel …" stay).
func IndicatorShort(i queries.Indicator) string {
	n := i.NameEn
	if open := strings.LastIndex(n, " ("); open > 0 && strings.HasSuffix(n, ")") {
		if inner := n[open+2 : len(n)-1]; isAcronym(inner) {
			return inner
		}
	}
	first, size := utf8.DecodeRuneInString(n)
	second, _ := utf8.DecodeRuneInString(n[size:])
	word, _, _ := strings.Cut(n, " ")
	if unicode.IsUpper(first) && unicode.IsLower(second) && !properWords[word] && !placeName(n) {
		return string(unicode.ToLower(first)) + n[size:]
	}
	return n
}

// properWords keep their capital at the start of a name: "Nobel laureate
// laboratories" stays, "National high-tech enterprises" is lowered. A
// district's own place names are not listed here (nothing about a district
// lives in Go): a name that starts with a place keeps its capital by
// placeName instead.
var properWords = map[string]bool{"Nobel": true, "China": true, "Chinese": true, "Hong": true, "Greater": true}

// placeName says a name starts with a proper name: its first two words
// are capitalised ("Qianhai Cooperation Zone …"), or its first word joins
// two capitalised names ("Shenzhen-Hong Kong …").
func placeName(n string) bool {
	words := strings.Fields(n)
	if len(words) < 2 {
		return false
	}
	a, _ := utf8.DecodeRuneInString(words[1])
	if unicode.IsUpper(a) {
		return true
	}
	w := words[0]
	if i := strings.IndexByte(w, '-'); i > 0 && i+1 < len(w) {
		b, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(b) // a proper name such as "Hong Kong …"
	}
	return false
}

func isAcronym(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && r != '&' {
			return false
		}
	}
	return true
}

// Subject is the English subject of a sentence: "Nanshan's GDP".
func Subject(r queries.Region, i queries.Indicator) string {
	return RegionShort(r) + "'s " + IndicatorShort(i)
}

// ZhAmount writes a value with its unit as Chinese prose does: no
// thousands separators and no space ("9501亿元", "7.66%", "5500家"), and
// counts and 亿元 of ten thousand or more in 万 where that is exact with at
// most two decimals ("60万家", "1.3万名", "1.01万亿元"); otherwise the
// published digits stay as they are ("32387.68亿元").
func ZhAmount(v float64, u figure.Unit) string {
	d := figure.Digits(v)
	switch u.Code {
	case "percent":
		return d + "%"
	case "rank":
		return "第" + d + "位"
	case "yi_yuan":
		if w, ok := wan(d, v); ok {
			return w + "万亿元"
		}
		return d + "亿元"
	case "count":
		if w, ok := wan(d, v); ok {
			return w + "万" + u.Zh
		}
	}
	return d + u.Zh
}

// ZhValue is ZhAmount with the qualifier: "超5500家", "近90%".
func ZhValue(v float64, qualifier string, u figure.Unit) string {
	return figure.QualifierPrefix(qualifier, figure.Zh) + ZhAmount(v, u)
}

// wan expresses d (the digits of v) in units of 万 (10^4), exactly, when
// |v| >= 10000 and the result has at most two decimals.
func wan(d string, v float64) (string, bool) {
	if v > -10000 && v < 10000 {
		return "", false
	}
	w := figure.Shift(d, -4)
	if _, frac, ok := strings.Cut(w, "."); ok && len(frac) > 2 {
		return "", false
	}
	return w, true
}
