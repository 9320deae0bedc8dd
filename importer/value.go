package importer

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// cellValue is a figure read from a cell as a person typed it: "9,501",
// "超5500", "6亿多", "12.3%", "−3.2", "1234*".
type cellValue struct {
	digits    string // plain decimal: optional '-', digits, optional '.' and digits
	qualifier string // exact, more_than, nearly, about, at_least, at_most
	unit      string // a unit written in the cell ("%", "亿", "家", "亿元"), or ""
}

// errNotPublished marks a cell that says the figure was not published:
// empty, "-", "—", "…". It yields no row, and is never read as 0.
var errNotPublished = fmt.Errorf("not published")

// notPublished lists the marks statistical tables use for "no figure".
var notPublished = map[string]bool{"": true, "-": true, "--": true, "—": true, "——": true, "…": true, "……": true, "...": true, "/": true}

// Qualifier words, longest first so that 超过 wins over 超. The table in
// data/README.md is the reference.
var (
	qualifierPrefixes = []struct{ word, qualifier string }{
		{"不超过", "at_most"}, {"不少于", "at_least"}, {"超过", "more_than"}, {"接近", "nearly"},
		{"最高", "at_most"}, {"最多", "at_most"}, {"至少", "at_least"},
		{"超", "more_than"}, {"近", "nearly"}, {"约", "about"},
		{"达到", "exact"}, {"达", "exact"}, {"为", "exact"}, {"实现", "exact"},
	}
	qualifierSuffixes = []struct{ word, qualifier string }{
		{"以上", "at_least"}, {"左右", "about"}, {"多", "more_than"}, {"余", "more_than"},
	}
)

// normalizeText turns full-width letters, digits and punctuation into
// their narrow forms and trims every kind of space, so that "９，５０１"
// reads as "9,501".
func normalizeText(s string) string {
	s = width.Narrow.String(s)
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\ufeff' })
}

// stripFootnote removes trailing footnote marks: "1234*", "8035.88①", "9501¹".
func stripFootnote(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return r == '*' || r == '※' || r == '#' || (r >= '①' && r <= '⑳') || r == '¹' || r == '²' || r == '³' || (r >= '⁰' && r <= '⁹')
	})
}

// parseValue reads a value cell. It returns errNotPublished for the marks
// of a missing figure, and an error that says what is wrong otherwise.
func parseValue(text string) (cellValue, error) {
	s := strings.TrimSpace(stripFootnote(normalizeText(text)))
	if notPublished[s] {
		return cellValue{}, errNotPublished
	}
	v := cellValue{qualifier: "exact"}
	qualified := false
	setQualifier := func(q string) error {
		if qualified {
			return fmt.Errorf("%q has two qualifiers", text)
		}
		v.qualifier, qualified = q, true
		return nil
	}
	for _, p := range qualifierPrefixes {
		if rest, ok := strings.CutPrefix(s, p.word); ok {
			s = strings.TrimSpace(rest)
			setQualifier(p.qualifier)
			break
		}
	}

	// Sign and number.
	i := 0
	neg := false
	switch {
	case strings.HasPrefix(s, "−"): // U+2212, as typeset tables write it
		neg, i = true, len("−")
	case strings.HasPrefix(s, "-"):
		neg, i = true, 1
	case strings.HasPrefix(s, "+"):
		i = 1
	}
	start := i
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == ',' || s[i] == '.') {
		i++
	}
	num, rest := s[start:i], strings.TrimSpace(s[i:])
	if num == "" {
		return v, fmt.Errorf("%q is not a figure", text)
	}
	digits, err := plainDecimal(num)
	if err != nil {
		return v, fmt.Errorf("%q %v", text, err)
	}
	if neg && strings.Trim(digits, "0.") != "" {
		digits = "-" + digits
	}
	v.digits = digits

	// What follows the number: scale (万, 亿), a qualifier (多, 以上), the
	// unit (元, 家, %), in the orders people write them: 6亿多元, 5500家以上.
	for _, sc := range []string{"万亿", "亿", "万"} {
		if r, ok := strings.CutPrefix(rest, sc); ok {
			v.unit, rest = sc, r
			break
		}
	}
	for pass := 0; pass < 2 && rest != ""; pass++ {
		for _, q := range qualifierSuffixes {
			if r, ok := strings.CutPrefix(rest, q.word); ok {
				if err := setQualifier(q.qualifier); err != nil {
					return v, err
				}
				rest = r
				break
			}
			if r, ok := strings.CutSuffix(rest, q.word); ok {
				if err := setQualifier(q.qualifier); err != nil {
					return v, err
				}
				rest = r
				break
			}
		}
	}
	rest = strings.TrimSpace(rest)
	if rest != "" {
		if strings.ContainsAny(rest, "0123456789,.") || !isUnitWord(rest) {
			return v, fmt.Errorf("%q is not a figure", text)
		}
		v.unit += rest
	}
	return v, nil
}

// isUnitWord says whether s can be a unit written after a number: a few
// letters or characters, no punctuation other than %, ‰ and /.
func isUnitWord(s string) bool {
	if len([]rune(s)) > 6 {
		return false
	}
	for _, r := range s {
		if !(unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || r == '%' || r == '‰' || r == '/') {
			return false
		}
	}
	return true
}

// plainDecimal removes thousands separators, checking that they sit where
// thousands separators go (so that "3,4" is not read as 34), and checks
// what remains is a plain decimal.
func plainDecimal(s string) (string, error) {
	intPart, frac, hasDot := strings.Cut(s, ".")
	if strings.Contains(frac, ".") || strings.Contains(frac, ",") {
		return "", fmt.Errorf("is not a number")
	}
	if hasDot && frac == "" || intPart == "" {
		return "", fmt.Errorf("is not a number")
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return "", fmt.Errorf("has thousands separators in the wrong place")
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", fmt.Errorf("has thousands separators in the wrong place")
			}
		}
		intPart = strings.ReplaceAll(intPart, ",", "")
	}
	if hasDot {
		return intPart + "." + frac, nil
	}
	return intPart, nil
}

// decimalsOf counts the digits after the point.
func decimalsOf(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}
