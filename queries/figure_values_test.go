package queries_test

import (
	"context"
	"fmt"
	"testing"

	"districtstats/queries"
)

// TestFigureHashesDecode: every text figures.sql sends as hash() (indicator,
// region, period, qualifier, status, source) comes back as itself through
// the figure context, for every value the snapshot's observations hold:
// periods.sql, citations.sql, file_order.sql and figure_values.sql against
// DuckDB's own hash of the stored text.
func TestFigureHashesDecode(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	dec, err := queries.DecodeHashes(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range []string{"indicator", "region", "period", "qualifier", "status", "source"} {
		rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT DISTINCT %[1]s, hash(%[1]s) FROM observations`, col))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var text string
			var h uint64
			if err := rows.Scan(&text, &h); err != nil {
				t.Fatal(err)
			}
			n++
			if got, ok := dec[col][h]; !ok || got != text {
				t.Errorf("%s %q (hash %x) decodes as %q, %v", col, text, h, got, ok)
			}
		}
		rows.Close()
		if n < 2 {
			t.Errorf("%s: %d distinct values in the bundled observations; the test needs several", col, n)
		}
	}
}
