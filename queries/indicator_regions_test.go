package queries_test

import (
	"context"
	"slices"
	"testing"

	"districtstats/queries"
)

func TestIndicatorRegions(t *testing.T) {
	db := openDB(t)
	ids, total, err := queries.IndicatorRegions(context.Background(), db, "gdp", 100)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(ids) || !slices.Contains(ids, "nanshan") || !slices.Contains(ids, "shenzhen") {
		t.Fatalf("gdp regions %v (total %d)", ids, total)
	}
	regions, err := queries.Regions(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ord := map[string]int{}
	for i, r := range regions {
		ord[r.ID] = i
	}
	if !slices.IsSortedFunc(ids, func(a, b string) int { return ord[a] - ord[b] }) {
		t.Errorf("not in regions.csv order: %v", ids)
	}
	two, total2, err := queries.IndicatorRegions(context.Background(), db, "gdp", 2)
	if err != nil || len(two) != 2 || total2 != total || !slices.Equal(two, ids[:2]) {
		t.Errorf("limit 2: %v total %d (%v); want the first two of %v and total %d", two, total2, err, ids, total)
	}
	none, total3, err := queries.IndicatorRegions(context.Background(), db, "no_such", 10)
	if err != nil || len(none) != 0 || total3 != 0 {
		t.Errorf("unknown indicator: %v %d %v", none, total3, err)
	}
}
