package queries_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"districtstats/queries"
)

// TestResultCacheAnswersLikeDuckDB: a DB answers from its result cache
// exactly what the snapshot answers without one, whatever the period bounds
// (not part of the cached query), however small the bound, and even after
// a caller scribbled over an earlier answer.
func TestResultCacheAnswersLikeDuckDB(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	cached := queries.NewDB(db)
	tiny := queries.NewDB(db)
	tiny.SetResultBytes(20_000)
	off := queries.NewDB(db)
	off.SetResultBytes(0)
	y := func(year int) time.Time { return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }
	filters := []queries.Filter{
		{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}},
		{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}, From: y(2016), To: y(2021).AddDate(0, 6, 0)},
		{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}, From: y(2020)},
		{Regions: []string{"nanshan"}, LatestOnly: true},
		{Indicators: []string{"rd_intensity", "gdp"}, Regions: []string{"china", "nanshan"}, LatestOnly: true},
	}
	for round := range 3 {
		for _, f := range filters {
			want, err := queries.Observations(ctx, db, f) // a plain *sql.DB: no cache
			if err != nil {
				t.Fatal(err)
			}
			for name, q := range map[string]*queries.DB{"cached": cached, "tiny": tiny, "off": off} {
				got, err := queries.Observations(ctx, q, f)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 || !reflect.DeepEqual(got, want) {
					t.Errorf("round %d, %s, %+v: %d rows differ from DuckDB's %d", round, name, f, len(got), len(want))
				}
				for i := range got { // the caller's own rows: the cache must not see this
					got[i].Value, got[i].Source = -1, "scribbled"
				}
			}
		}
	}
	if n := cached.CachedResultBytes(); n <= 0 || n > queries.DefaultResultBytes {
		t.Errorf("cache holds %d bytes, want some, at most %d", n, queries.DefaultResultBytes)
	}
	if n := tiny.CachedResultBytes(); n > 20_000 {
		t.Errorf("tiny cache holds %d bytes, over its bound of 20000", n)
	}
	if n := off.CachedResultBytes(); n != 0 {
		t.Errorf("a cache turned off holds %d bytes", n)
	}
}
