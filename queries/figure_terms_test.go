package queries_test

import (
	"context"
	"testing"

	"districtstats/queries"
)

// TestFigureHashesDecode: every hash figures.sql sends of a period comes
// back as its text through the figure context, for every period the
// snapshot's observations hold: periods.sql against DuckDB's own hash of
// the stored texts.
func TestFigureHashesDecode(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	dec, err := queries.DecodeHashes(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT period, hash(period) FROM observations`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var text string
		var h uint64
		if err := rows.Scan(&text, &h); err != nil {
			t.Fatal(err)
		}
		n++
		if got, ok := dec["period"][h]; !ok || got != text {
			t.Errorf("period %q (hash %x) decodes as %q, %v", text, h, got, ok)
		}
	}
	if n < 2 {
		t.Errorf("%d distinct periods in the bundled observations; the test needs several", n)
	}
	if len(dec["period"]) < n {
		t.Errorf("the context holds %d period hashes, the observations use %d", len(dec["period"]), n)
	}
}

// TestFigureTermsDecode: the terms number ingest stored on every row
// (figures.sql's terms column) reads back through the figure context
// (figure_terms.sql) as that row's own qualifier, status and source, and a
// number beyond every combination as none. It fails if the load and
// figure_terms number the three differently.
func TestFigureTermsDecode(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT terms, qualifier || ' | ' || status || ' | ' || source FROM observations`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var n int
		var text string
		if err := rows.Scan(&n, &text); err != nil {
			t.Fatal(err)
		}
		seen[text] = true
		got, ok, err := queries.DecodeTerms(ctx, db, n)
		if err != nil {
			t.Fatal(err)
		}
		if !ok || got != text {
			t.Errorf("terms %d decodes as %q, %v; the row holds %q", n, got, ok, text)
		}
	}
	if len(seen) < 3 {
		t.Fatalf("%d combinations of terms in the bundled observations; the test needs several", len(seen))
	}
	var beyond int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM figure_terms`).Scan(&beyond); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := queries.DecodeTerms(ctx, db, beyond); ok {
		t.Errorf("terms %d, beyond every combination, decodes as %q", beyond, got)
	}
}
