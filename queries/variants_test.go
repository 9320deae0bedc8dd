package queries

import (
	"strings"
	"testing"
)

// TestFiguresVariants: each variant of figures.sql swaps its predicates for
// its own and keeps the rest; TestCurrentMatchesRanked runs them all against
// the ranked answer.
func TestFiguresVariants(t *testing.T) {
	base := text("figures")
	for key, want := range map[string][]string{
		"figures" + oneIndicator:             {"indicator = $1", "$4 = ''"},
		"figures" + oneRegion:                {"region = $2", "$4 = ''"},
		"figures" + oneIndicator + oneRegion: {"indicator = $1", "region = $2", "$4 = ''"},
		"figures" + bySeries:                 {"$2 = ''", "series IN (SELECT unnest(string_split($4, ',')::BIGINT[]))"},
	} {
		got := text(key)
		for _, w := range want {
			if !strings.Contains(got, "WHERE "+w) && !strings.Contains(got, "AND "+w) {
				t.Errorf("%s: no predicate %q in\n%s", key, w, got)
			}
		}
		lists := 0 // id lists left: $1's and $2's, less the ones swapped
		for _, l := range []string{"list_contains(string_split($1, ','), indicator)", regionList} {
			lists += strings.Count(got, l)
		}
		wantLists := 2
		for _, w := range want {
			if w == "indicator = $1" || w == "region = $2" || w == "$2 = ''" {
				wantLists--
			}
		}
		if lists != wantLists {
			t.Errorf("%s: %d id lists left, want %d", key, lists, wantLists)
		}
		if key != "figures"+bySeries && len(got) >= len(base) {
			t.Errorf("%s: not shorter than figures.sql", key)
		}
	}
}
