package queries_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"districtstats/ingest"
	"districtstats/queries"
	"districtstats/site"
)

// The definition read back from the snapshot is the one in data/, with
// its defaults filled in.
func TestDashboardDefinition(t *testing.T) {
	db := openDB(t)
	got, err := queries.DashboardDefinition(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../data/" + site.FileName)
	if err != nil {
		t.Fatal(err)
	}
	want, ps := site.Parse(src)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	wantJSON, _ := want.CanonicalJSON()
	gotJSON, _ := got.CanonicalJSON()
	if string(gotJSON) != string(wantJSON) {
		t.Errorf("stored definition:\n%s\nwant\n%s", gotJSON, wantJSON)
	}
	if got.Site.TimeZone != "Asia/Shanghai" || got.Site.HomeRegion != "nanshan" || len(got.Topics) != 5 {
		t.Errorf("site = %+v, %d topics", got.Site, len(got.Topics))
	}
	c, ok := got.Chart("economy", "district_gdp")
	if !ok || !reflect.DeepEqual(got.ChartRegions(c)[:2], []string{"nanshan", "futian"}) {
		t.Errorf("district_gdp = %+v", c)
	}
}

// A data directory without a definition builds a snapshot without one,
// and the query says so.
func TestDashboardDefinitionAbsent(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"indicators.csv", "regions.csv", "sources.csv", "observations.csv", "policy_measures.csv"} {
		b, err := os.ReadFile(filepath.Join("../data", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "s.duckdb")
	if _, err := ingest.Build(context.Background(), dir, path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := queries.DashboardDefinition(context.Background(), db); !errors.Is(err, queries.ErrNoDefinition) {
		t.Errorf("err = %v, want ErrNoDefinition", err)
	}
}
