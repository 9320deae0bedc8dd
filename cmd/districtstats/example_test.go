package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"districtstats/queries"
)

// The example district runs on the same binary with no Go changes: check
// and ingest take its directory, and its definition comes back from the
// snapshot with its own name, home region, topics and charts.
func TestExampleDistrict(t *testing.T) {
	ctx := context.Background()
	dir := "../../examples/longgang"
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"check", "-data", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("check: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), `dashboard "Longgang District statistics": 2 topics, 4 charts`) {
		t.Errorf("check printed %q", stdout.String())
	}
	db := filepath.Join(t.TempDir(), "longgang.duckdb")
	stdout.Reset()
	if err := run(ctx, []string{"ingest", "-data", dir, "-db", db}, &stdout, &stderr); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr.String())
	}
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	d, err := queries.DashboardDefinition(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if d.Site.NameZh != "龙岗区经济数据" || d.Site.HomeRegion != "longgang" || d.TimeZoneName() != "Asia/Shanghai" {
		t.Errorf("site = %+v", d.Site)
	}
	var got []string
	for _, tp := range d.Topics {
		for _, c := range tp.Charts {
			got = append(got, tp.ID+"/"+c.ID+":"+c.Kind)
		}
	}
	want := "economy/headline:tiles economy/district_gdp:compare economy/growth:line city/shenzhen_gdp:bar"
	if strings.Join(got, " ") != want {
		t.Errorf("charts = %v, want %s", got, want)
	}
	obs, err := queries.Observations(ctx, conn, queries.Filter{Regions: []string{"longgang"}, LatestOnly: true})
	if err != nil || len(obs) != 2 {
		t.Errorf("Longgang figures: %d, %v", len(obs), err)
	}
}
