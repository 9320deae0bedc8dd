package queries

import (
	"strings"
	"testing"
)

// TestFiguresVariants: each single-id variant of figures.sql swaps its id
// list for an equality and keeps the rest; TestCurrentMatchesRanked runs
// all four against the ranked answer.
func TestFiguresVariants(t *testing.T) {
	base := text("figures")
	for key, want := range map[string][]string{
		"figures" + oneIndicator:             {"indicator = $1"},
		"figures" + oneRegion:                {"region = $2"},
		"figures" + oneIndicator + oneRegion: {"indicator = $1", "region = $2"},
	} {
		got := text(key)
		for _, w := range want {
			if !strings.Contains(got, "WHERE "+w) && !strings.Contains(got, "AND "+w) {
				t.Errorf("%s: no predicate %q in\n%s", key, w, got)
			}
		}
		if strings.Count(got, "string_split(") != 3-len(want) { // the pairs' list stays
			t.Errorf("%s: %d id lists left, want %d", key, strings.Count(got, "string_split("), 3-len(want))
		}
		if len(got) >= len(base) {
			t.Errorf("%s: not shorter than figures.sql", key)
		}
	}
}
