package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/ingest"
)

// TestSeriesText: a page's series become runs of near numbers, each a scan
// of figures.sql with its own predicate and no parameter left; beyond the
// bounds there is no text, and the by-series variant answers instead.
func TestSeriesText(t *testing.T) {
	many := func(n int, step int64) []int64 {
		s := make([]int64, n)
		for i := range s {
			s[i] = int64(i) * step
		}
		return s
	}
	for _, c := range []struct {
		series []int64
		latest bool
		want   []string // each run's predicate, in order
	}{
		{[]int64{7}, true, []string{"series = 7"}},
		{[]int64{3, 4, 5}, false, []string{"series BETWEEN 3 AND 5"}},
		{[]int64{5, 105, 155, 405}, true, []string{"series BETWEEN 5 AND 405 AND list_contains([5,105,155,405], series)"}},
		{[]int64{0, 256, 513, 514, 9000}, true, []string{
			"series BETWEEN 0 AND 256 AND list_contains([0,256], series)", "series BETWEEN 513 AND 514", "series = 9000"}},
		{many(maxSeries, 1), false, []string{fmt.Sprintf("series BETWEEN 0 AND %d", maxSeries-1)}},
		{many(maxSeries+1, 1), false, nil},
		{many(maxSeriesRuns, seriesGap+1), false, func() (w []string) {
			for i := range maxSeriesRuns {
				w = append(w, fmt.Sprintf("series = %d", i*(seriesGap+1)))
			}
			return w
		}()},
		{many(maxSeriesRuns+1, seriesGap+1), false, nil},
		{nil, false, nil},
		// not strictly increasing: BETWEEN 3 AND 5 would take in 4
		{[]int64{3, 3, 5}, false, nil},
		{[]int64{5, 3}, false, nil},
	} {
		text, ok := seriesText(c.series, c.latest)
		if ok != (c.want != nil) {
			t.Errorf("%v: ok %v, want %v", c.series, ok, c.want != nil)
			continue
		}
		if !ok {
			continue
		}
		runs := strings.Split(text, "\nUNION ALL\n")
		if len(runs) != len(c.want) {
			t.Errorf("%v: %d runs, want %d:\n%s", c.series, len(runs), len(c.want), text)
			continue
		}
		latest := "AND TRUE\n"
		if c.latest {
			latest = "AND latest\n"
		}
		for i, run := range runs {
			for _, w := range []string{"WHERE TRUE\n", "AND TRUE\n", "AND " + c.want[i] + "\n", latest} {
				if !strings.Contains(run, w) {
					t.Errorf("%v: run %d has no %q:\n%s", c.series, i, w, run)
				}
			}
			if strings.Contains(run, "string_split($") || strings.Contains(run, "NOT $3") || strings.Contains(run, "\n  AND $4") {
				t.Errorf("%v: run %d keeps a parameter:\n%s", c.series, i, run)
			}
		}
	}
}

// TestStmtCache: the cache keeps a bounded number of statements; one that
// leaves while in use still answers its caller, and is closed once
// released. A real DuckDB, in memory.
func TestStmtCache(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	c := newStmtCache(2)
	query := func(i int) string { return fmt.Sprintf("SELECT %d AS n", i) }
	answer := func(s *cachedStmt) (int, error) {
		var n int
		err := s.QueryRowContext(ctx).Scan(&n)
		return n, err
	}
	held, err := c.get(ctx, db, query(0))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ { // query(0) leaves the cache
		s, err := c.get(ctx, db, query(i))
		if err != nil {
			t.Fatal(err)
		}
		c.release(s)
	}
	if n := c.lru.Len(); n != 2 || len(c.byText) != 2 {
		t.Errorf("%d statements cached (%d by text), want 2", n, len(c.byText))
	}
	if !held.out {
		t.Fatal("the first statement is still cached after three others")
	}
	if n, err := answer(held); err != nil || n != 0 {
		t.Errorf("a statement in use when it left: %d, %v", n, err)
	}
	c.release(held)
	if _, err := answer(held); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("a statement released after it left still answers (%v): it was not closed", err)
	}
	// The same text again is prepared anew, and then served from the cache.
	again, err := c.get(ctx, db, query(0))
	if err != nil {
		t.Fatal(err)
	}
	if again == held {
		t.Error("a closed statement came back from the cache")
	}
	c.release(again)
	if s := c.hold(query(0)); s != again {
		t.Error("a cached text was not served from the cache")
	} else {
		c.release(s)
	}

	// Least recently used out: a text used again outlives one used since.
	for _, i := range []int{10, 11, 10, 12} {
		s, err := c.get(ctx, db, query(i))
		if err != nil {
			t.Fatal(err)
		}
		c.release(s)
	}
	if c.hold(query(11)) != nil || c.hold(query(10)) == nil {
		t.Error("the cache dropped the text used most recently instead of the one used least")
	} else {
		c.release(c.lru.Front().Value.(*cachedStmt))
	}

	// Many callers at once, over more texts than the cache keeps: each
	// gets its own text's answer (run with -race).
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				k := (g + i) % 5
				s, err := c.get(ctx, db, query(k))
				if err != nil {
					errs <- err
					return
				}
				n, err := answer(s)
				c.release(s)
				if err != nil || n != k {
					errs <- errors.Join(fmt.Errorf("text %d answered %d", k, n), err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	last, err := c.get(ctx, db, query(0))
	if err != nil {
		t.Fatal(err)
	}
	c.release(last)
	c.close()
	if c.lru.Len() != 0 {
		t.Error("close left statements in the cache")
	}
	if _, err := answer(last); err == nil {
		t.Error("a statement still answers after the cache closed")
	}
}

// TestFiguresReleaseStatements: every figures query through a DB gives its
// statement back, so that one leaving the cache is closed, not kept open
// for the snapshot's life. More filters than a small cache keeps, each
// asked twice without the result cache.
func TestFiguresReleaseStatements(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", bundledSnapshot(t)+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	d := NewDB(db)
	defer d.Close()
	d.SetResultBytes(0)
	d.series = newStmtCache(2)
	for range 2 {
		for _, reg := range []string{"nanshan", "futian", "luohu", "shenzhen", "china"} {
			f := Filter{Indicators: []string{"gdp", "rd_intensity"}, Regions: []string{reg}}
			if _, err := Observations(ctx, d, f); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := d.series.lru.Len(); n != 2 {
		t.Errorf("%d statements cached, want 2", n)
	}
	for el := d.series.lru.Front(); el != nil; el = el.Next() {
		if s := el.Value.(*cachedStmt); s.refs != 0 {
			t.Errorf("a statement is still held %d times after its queries ended:\n%.120s", s.refs, s.text)
		}
	}
}

var bundled struct {
	once      sync.Once
	dir, path string
	err       error
}

// bundledSnapshot builds a snapshot of the bundled data/ once per test
// binary (a real DuckDB file, as ingest writes it); TestMain removes it
// (RemoveBundledSnapshot).
func bundledSnapshot(tb testing.TB) string {
	tb.Helper()
	bundled.once.Do(func() {
		if bundled.dir, bundled.err = os.MkdirTemp("", "queries-internal-"); bundled.err != nil {
			return
		}
		bundled.path = filepath.Join(bundled.dir, "test.duckdb")
		_, bundled.err = ingest.Build(context.Background(), "../data", bundled.path)
	})
	if bundled.err != nil {
		tb.Fatal(bundled.err)
	}
	return bundled.path
}
