package queries_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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
func TestIngestRefusesDirectoryWithoutDefinition(t *testing.T) {
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
	// The definition is required: ingest refuses the directory, and no
	// snapshot without one is ever built.
	if _, err := ingest.Build(context.Background(), dir, path); err == nil || !strings.Contains(err.Error(), "dashboard.yaml") {
		t.Fatalf("ingest of a directory without a definition: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a snapshot was written")
	}
	// queries.ErrNoDefinition stays for a snapshot built before the rule.
	if !strings.Contains(queries.ErrNoDefinition.Error(), "dashboard.yaml") {
		t.Error(queries.ErrNoDefinition)
	}
}
