package queries_test

import (
	"context"
	"fmt"
	"testing"

	"districtstats/queries"
)

// TestFigureHashesDecode: every hash figures.sql sends (of the period, and
// of the qualifier, status, source and period statement together) comes
// back as its texts through the figure context, for every value the
// snapshot's observations hold: periods.sql and figure_terms.sql against
// DuckDB's own hash of the stored texts.
func TestFigureHashesDecode(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	dec, err := queries.DecodeHashes(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for col, expr := range map[string][2]string{
		"period": {"period", "hash(period)"},
		"terms": {"qualifier || ' | ' || status || ' | ' || source || ' | ' || period_stated",
			"hash(qualifier, status, source, period_stated)"},
	} {
		rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT DISTINCT %s, %s FROM observations`, expr[0], expr[1]))
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
		if len(dec[col]) != n {
			t.Errorf("%s: the context holds %d hashes, the observations use %d", col, len(dec[col]), n)
		}
	}
}

// TestSeriesDecode: the series number of every stored row (figures.sql's
// series column, numbered by ingest) reads back as that row's indicator and
// region through the figure context (file_order.sql), and a number beyond
// the snapshot's pairs as none.
func TestSeriesDecode(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT series, indicator, region FROM observations`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	indicators, regions := map[string]bool{}, map[string]bool{}
	for rows.Next() {
		var series int64
		var ind, reg string
		if err := rows.Scan(&series, &ind, &reg); err != nil {
			t.Fatal(err)
		}
		indicators[ind], regions[reg] = true, true
		gotInd, gotReg, err := queries.DecodeSeries(ctx, db, series)
		if err != nil {
			t.Fatal(err)
		}
		if gotInd != ind || gotReg != reg {
			t.Errorf("series %d decodes as %s/%s, stored as %s/%s", series, gotInd, gotReg, ind, reg)
		}
	}
	if len(indicators) < 2 || len(regions) < 2 {
		t.Fatalf("%d indicators and %d regions in the bundled observations; the test needs several of each", len(indicators), len(regions))
	}
	var beyond int64
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM indicators) * (SELECT count(*) FROM regions)`).Scan(&beyond); err != nil {
		t.Fatal(err)
	}
	if ind, reg, _ := queries.DecodeSeries(ctx, db, beyond); ind != "" || reg != "" {
		t.Errorf("series %d, beyond every pair, decodes as %s/%s", beyond, ind, reg)
	}
}
