package queries_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"districtstats/internal/testkit"
	"districtstats/queries"
)

// TestLastFigures holds LastFigures to the rule it stands for, applied
// here to the whole history: of each indicator and region's latest
// vintages within the filter's bounds, the last in observations.sql's order
// among figures and, apart, among targets. The data adds the cases the
// rule turns on: a series with an actual figure and a target, two periods
// of one span (a year, and January to December) from one source and from
// sources of different dates, and a half year that ends with its year.
func TestLastFigures(t *testing.T) {
	dir := testkit.CopyData(t, "../data")
	extra := "robotics_cluster_size,nanshan,2024,60,about,unknown,seed_2025_03_26,test fixture: an actual beside the target,\n" +
		"rd_intensity,china,2024-01/2024-12,2.7,exact,final,people_2025_01_23,test fixture: same span as 2024,\n" +
		"gdp,shenzhen,2024-01/2024-12,36801,exact,final,govcn_2024_01_31,test fixture: same span as 2024 from an older source,\n" +
		"gdp_growth,shenzhen,2024H2,5.9,exact,final,govcn_2024_01_31,test fixture: ends with 2024 and starts later,\n"
	f, err := os.OpenFile(filepath.Join(dir, "observations.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(extra); err != nil {
		t.Fatal(err)
	}
	f.Close()
	db, err := sql.Open("duckdb", testkit.Snapshot(t, dir)+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()

	// want is the rule over the whole history, as observations.sql ranks
	// and orders it in DuckDB: another path than the one LastFigures takes.
	want := func(f queries.Filter) []queries.Observation {
		f.LatestOnly = true
		all, err := queries.ObservationsRanked(ctx, db, f)
		if err != nil {
			t.Fatal(err)
		}
		type series struct {
			indicator, region string
			target            bool
		}
		last := map[series]int{}
		for i, o := range all {
			last[series{o.Indicator, o.Region, o.Status == "target"}] = i
		}
		var out []queries.Observation
		for i, o := range all {
			if last[series{o.Indicator, o.Region, o.Status == "target"}] == i {
				out = append(out, o)
			}
		}
		return out
	}
	y := func(year int) time.Time { return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }
	filters := []queries.Filter{
		{},
		{Indicators: []string{"gdp", "rd_intensity", "robotics_cluster_size"}, Regions: []string{"shenzhen", "nanshan", "china"}},
		{Indicators: []string{"gdp"}},
		{Regions: []string{"china"}},
		{To: y(2023).AddDate(0, 0, -1)},                       // the last figure within the bounds, not the last of all
		{From: y(2024), Indicators: []string{"rd_intensity"}}, // only the 2024 spans
		{AsOf: y(2025).AddDate(0, 5, 0)},                      // as of a date: ranked, then kept in Go
	}
	var target, tie, half bool
	prepared := queries.NewDB(db)
	for _, f := range filters {
		w := want(f)
		if len(w) == 0 {
			t.Fatalf("%+v: no figures: the comparison proves nothing", f)
		}
		for _, o := range w {
			target = target || (o.Indicator == "robotics_cluster_size" && o.Status == "target")
			tie = tie || o.Period == "2024-01/2024-12"
			half = half || o.Period == "2024H2"
		}
		eachWay(t, db, prepared, func(name string, q queries.Querier) {
			got, err := queries.LastFigures(ctx, q, f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("%+v through %s: %d rows, want %d:\n got %v\nwant %v", f, name, len(got), len(w), periods(got), periods(w))
			}
		})
	}
	if !target || !tie || !half {
		t.Errorf("the fixtures did not reach the answer (target %v, same-span tie %v, half year %v)", target, tie, half)
	}
}

func periods(obs []queries.Observation) []string {
	var out []string
	for _, o := range obs {
		out = append(out, o.Indicator+"/"+o.Region+"/"+o.Period+"/"+o.Source)
	}
	return out
}
