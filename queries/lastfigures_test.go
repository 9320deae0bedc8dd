package queries_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"districtstats/internal/testkit"
	"districtstats/queries"
)

// TestLastFigures holds LastFigures to the rule it stands for (Later),
// applied here to the whole history as observations.sql ranks and orders
// it: of each indicator and region's latest vintages within the filter's
// bounds, the figure whose period ends last, of two ending together the
// longer, of two of one span the notation that sorts first; targets apart.
// The data adds the cases the rule turns on: a target beside a figure, two
// periods of one span from one source and from sources of different
// dates, and a half year ending with its year.
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
		best := map[series]int{}
		later := func(a, b queries.Observation) bool {
			switch {
			case !a.End.Equal(b.End):
				return a.End.After(b.End)
			case !a.Start.Equal(b.Start):
				return a.Start.Before(b.Start)
			}
			return a.Period < b.Period
		}
		for i, o := range all {
			k := series{o.Indicator, o.Region, o.Status == "target"}
			if j, ok := best[k]; !ok || later(o, all[j]) {
				best[k] = i
			}
		}
		var out []queries.Observation
		for i, o := range all {
			if best[series{o.Indicator, o.Region, o.Status == "target"}] == i {
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
	prepared := queries.NewDB(db)
	for _, f := range filters {
		w := want(f)
		if len(w) == 0 {
			t.Fatalf("%+v: no figures: the comparison proves nothing", f)
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
	// The picks the fixtures are for, written out.
	got, err := queries.LastFigures(ctx, prepared, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	picked := strings.Join(periods(got), " ")
	for _, p := range []string{
		"robotics_cluster_size/nanshan/2024/", "robotics_cluster_size/nanshan/2028-2030/", // a figure and a target
		"rd_intensity/china/2024/people_2025_09_30", // 2024 before 2024-01/2024-12 of the same span
		"gdp/shenzhen/2024/",                        // the same, from a newer source
		"gdp_growth/shenzhen/2024/",                 // the year before its second half
	} {
		if !strings.Contains(picked, p) {
			t.Errorf("LastFigures picked no %s…: %s", p, picked)
		}
	}
	for _, p := range []string{"2024-01/2024-12", "2024H2"} {
		if strings.Contains(picked, "/"+p+"/") {
			t.Errorf("LastFigures picked %s over the year of its span: %s", p, picked)
		}
	}
}

func periods(obs []queries.Observation) []string {
	var out []string
	for _, o := range obs {
		out = append(out, o.Indicator+"/"+o.Region+"/"+o.Period+"/"+o.Source)
	}
	return out
}
