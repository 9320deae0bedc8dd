package ingest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// dirNames lists a directory, to catch temp files left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func countObservations(t *testing.T, dbPath string) int {
	t.Helper()
	db, err := sql.Open("duckdb", dbPath+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM observations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFailedBuildKeepsSnapshot: whatever goes wrong, the snapshot a server
// is reading stays byte for byte what it was, and nothing is left beside it.
// A good build then replaces it.
func TestFailedBuildKeepsSnapshot(t *testing.T) {
	out := t.TempDir()
	db := filepath.Join(out, "snap.duckdb")
	ctx := context.Background()
	if _, err := Build(ctx, writeData(t, nil), db); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, db)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	failures := []struct {
		name string
		ctx  context.Context
		dir  string
	}{
		{"a bad observation (found while DuckDB loads)", ctx, writeData(t, map[string]string{obs: goodObservations + "gdp,nanshan,2023,8566,approx,unknown,seed,\n"})},
		{"a bad region (found before loading)", ctx, writeData(t, map[string]string{"regions.csv": goodRegions + "futian,福田区,Futian,district,shenzen\n"})},
		{"a missing file", ctx, writeData(t, map[string]string{"sources.csv": absent})},
		{"a GBK file", ctx, writeData(t, map[string]string{obs: gbk(t, goodObservations)})},
		{"no data directory", ctx, filepath.Join(out, "nowhere")},
		{"a cancelled build", cancelled, writeData(t, nil)},
	}
	for _, f := range failures {
		if _, err := Build(f.ctx, f.dir, db); err == nil {
			t.Fatalf("%s: Build succeeded", f.name)
		}
		if fileHash(t, db) != before {
			t.Errorf("%s: the snapshot changed", f.name)
		}
		if names := dirNames(t, out); !slices.Equal(names, []string{"snap.duckdb"}) {
			t.Errorf("%s: left %v beside the snapshot", f.name, names)
		}
	}
	if n := countObservations(t, db); n != 3 {
		t.Fatalf("old snapshot has %d observations, want 3", n)
	}

	// A good build replaces it.
	sum, err := Build(ctx, writeData(t, map[string]string{obs: goodObservations + "gdp,nanshan,2023,8566,exact,unknown,seed,\n"}), db)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows["observations"] != 4 || sum.Path != db {
		t.Errorf("summary %v, want 4 observations in %s", sum, db)
	}
	if fileHash(t, db) == before {
		t.Error("a good build left the old snapshot in place")
	}
	if n := countObservations(t, db); n != 4 {
		t.Errorf("new snapshot has %d observations, want 4", n)
	}
	if names := dirNames(t, out); !slices.Equal(names, []string{"snap.duckdb"}) {
		t.Errorf("left %v beside the snapshot", names)
	}
}

// TestBuildWritesEveryTable checks what a good build holds beyond
// observations: file order, derived columns and the build stamp.
func TestBuildWritesEveryTable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "snap.duckdb")
	sum, err := Build(context.Background(), writeData(t, nil), db)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"indicators": 2, "regions": 3, "sources": 2, "observations": 3, "periods": 2, "policy_measures": 2}
	for table, n := range want {
		if sum.Rows[table] != n {
			t.Errorf("summary: %s=%d, want %d", table, sum.Rows[table], n)
		}
	}
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	checks := []struct{ query, want string }{
		{`SELECT string_agg(id, ',' ORDER BY ord) FROM indicators`, "gdp,gdp_rank"},
		{`SELECT string_agg(id || '<' || parent, ',' ORDER BY ord) FROM regions`, "china<,shenzhen<china,nanshan<shenzhen"},
		// an English publisher stands for itself; a month means its last day
		{`SELECT publisher_en || '|' || published_last FROM sources WHERE id = 'wr'`, "Nanshan District People's Government|2015-04-30"},
		{`SELECT publisher_en || '|' || published_last FROM sources WHERE id = 'seed'`, "Shekou News|2025-03-26"},
		{`SELECT string_agg(period || ' ' || freq || ' ' || start_date || ' ' || end_date, ',' ORDER BY period) FROM periods`, "2014 A 2014-01-01 2014-12-31,2024 A 2024-01-01 2024-12-31"},
		{`SELECT string_agg(amount || ' ' || qualifier, ',' ORDER BY ord) FROM policy_measures`, "3 at_most,30-70 range"},
		{`SELECT note FROM observations WHERE value = 9501`, "全区GDP规模达9501亿元"},
		{`SELECT '[' || note || ']' FROM observations WHERE value = 1`, "[]"},
		{`SELECT observations::VARCHAR FROM snapshot`, "3"},
		// the region dashboard.yaml names comes first in the numbering and
		// the storage: its place times 2 indicators plus the indicator's
		{`SELECT string_agg(id, ',' ORDER BY place) FROM regions`, "nanshan,china,shenzhen"},
		{`SELECT string_agg(indicator || '/' || region || ':' || series, ',' ORDER BY rowid) FROM observations`, "gdp/nanshan:0,gdp/nanshan:0,gdp_rank/nanshan:1"},
	}
	for _, c := range checks {
		var got string
		if err := conn.QueryRow(c.query).Scan(&got); err != nil {
			t.Errorf("%s: %v", c.query, err)
		} else if got != c.want {
			t.Errorf("%s = %q, want %q", c.query, got, c.want)
		}
	}
}

// TestCheckMatchesBuild: check writes nothing and passes what Build takes.
func TestCheckMatchesBuild(t *testing.T) {
	ds, err := Check(writeData(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if ds.Observations != 3 || len(ds.Indicators) != 2 || len(ds.Regions) != 3 || len(ds.Sources) != 2 || len(ds.Measures) != 2 {
		t.Errorf("Check counted %d observations, %d indicators, %d regions, %d sources, %d measures",
			ds.Observations, len(ds.Indicators), len(ds.Regions), len(ds.Sources), len(ds.Measures))
	}
	_, err = Check(writeData(t, map[string]string{obs: absent}))
	var ps *Problems
	if !errors.As(err, &ps) || len(ps.List) != 1 {
		t.Errorf("Check without observations: %v", err)
	}
}

// TestNamedRegionsStoredFirst: the figures of the regions dashboard.yaml
// names are stored before any other region's, so a page's figures lie side
// by side. In the bundled data guangdong, which nothing names, comes after
// the 12 regions that are named though its id sorts among theirs.
func TestNamedRegionsStoredFirst(t *testing.T) {
	db := buildRealData(t)
	var places string
	if err := db.QueryRow(`SELECT string_agg(id, ',' ORDER BY place) FROM regions`).Scan(&places); err != nil {
		t.Fatal(err)
	}
	if want := "baoan,china,dapeng,futian,guangming,longgang,longhua,luohu,nanshan,pingshan,shenzhen,yantian,guangdong"; places != want {
		t.Errorf("regions by place: %s, want %s", places, want)
	}

	stored := storedOrder(t, "gdp,china,2024,1349084,exact,unknown,seed,\n"+
		"gdp,shenzhen,2024,36801,exact,unknown,seed,\n"+
		"gdp,nanshan,2024,9501,exact,unknown,seed,\n"+
		"gdp_rank,china,2024,1,exact,unknown,seed,\n"+
		"gdp_rank,nanshan,2024,1,exact,unknown,seed,\n", "indicator || '/' || region")
	if want := "gdp/nanshan,gdp_rank/nanshan,gdp/china,gdp_rank/china,gdp/shenzhen"; stored != want {
		t.Errorf("stored in the order %s, want %s", stored, want)
	}
}

// storedOrder builds a snapshot of the test data with these observation
// rows and gives expr of each stored row, in storage order, comma-separated.
func storedOrder(t *testing.T, rows, expr string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "snap.duckdb")
	if _, err := Build(context.Background(), writeData(t, map[string]string{"observations.csv": observationsHeader + rows}), path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored string
	if err := db.QueryRow(`SELECT string_agg(` + expr + `, ',' ORDER BY rowid) FROM observations`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	return stored
}

// Within a series, rows are stored in period order (years here), whatever
// the file's order: a page's rows then come sorted and the queries' sort
// only checks them. DuckDB's sort is not stable, so ordering by series
// alone kept neither the file's order nor time order.
func TestSeriesRowsStoredInPeriodOrder(t *testing.T) {
	stored := storedOrder(t, "gdp,nanshan,2022,8500,exact,unknown,seed,\n"+
		"gdp,china,2024,1349084,exact,unknown,seed,\n"+
		"gdp,nanshan,2024,9501,exact,unknown,seed,\n"+
		"gdp,nanshan,2020,6500,exact,unknown,seed,\n"+
		"gdp,china,2020,1015986,exact,unknown,seed,\n"+
		"gdp,nanshan,2023,8800,exact,unknown,seed,\n"+
		"gdp,china,2022,1210207,exact,unknown,seed,\n", "region || '/' || period")
	if want := "nanshan/2020,nanshan/2022,nanshan/2023,nanshan/2024,china/2020,china/2022,china/2024"; stored != want {
		t.Errorf("stored in the order %s, want %s", stored, want)
	}
}
