package importer

import (
	"fmt"
	"strings"

	"districtstats/figure"
)

// unitScales are the Chinese scale words a unit may start with, longest
// first, with their powers of ten: 亿元 is 10^8 元.
var unitScales = []struct {
	word string
	exp  int
}{{"万亿", 12}, {"千万", 7}, {"百万", 6}, {"亿", 8}, {"万", 4}, {"千", 3}}

// splitUnit splits a unit into its scale and its base: 亿元 → 8, 元;
// 万人 → 4, 人; % → 0, %. A bare scale (亿, as in "6亿多") has base "".
func splitUnit(u string) (int, string) {
	u = strings.TrimSpace(normalizeText(u))
	for _, s := range unitScales {
		if rest, ok := strings.CutPrefix(u, s.word); ok {
			return s.exp, rest
		}
	}
	return 0, u
}

// convert brings digits written in unit stated into the indicator's unit.
// Only an exact decimal shift between units of the same base is allowed
// (万元 → 亿元 moves the point 4 places, on the digit string); it says
// what it did, or why it cannot.
func convert(digits, stated, indicatorUnit string) (out, note string, err error) {
	se, sb := splitUnit(stated)
	ie, ib := splitUnit(indicatorUnit)
	if sb != ib {
		return "", "", fmt.Errorf("unit %s does not match the indicator's unit %s (only a shift such as 万元 → 亿元 is converted)", stated, indicatorUnit)
	}
	if se == ie {
		return digits, "", nil
	}
	out = figure.Shift(digits, se-ie)
	return out, fmt.Sprintf("%s %s = %s %s (decimal point moved %d places)", digits, stated, out, indicatorUnit, abs(se-ie)), nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
