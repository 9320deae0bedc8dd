package queries_test

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"
	"time"

	"districtstats/queries"
)

func TestObservationsVintages(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	all, err := queries.Observations(ctx, db, queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}})
	if err != nil {
		t.Fatal(err)
	}
	// Nanshan GDP 2020 has two vintages: "more than 6500" (2021) and 6527 (2026).
	var got2020 []queries.Observation
	for _, o := range all {
		if o.Period == "2020" {
			got2020 = append(got2020, o)
		}
	}
	if len(got2020) != 2 {
		t.Fatalf("gdp/nanshan/2020: %d rows, want 2 vintages", len(got2020))
	}
	if o := got2020[0]; o.Value != 6500 || o.Qualifier != "more_than" || o.Latest || o.Source != "szdaily_2021_08_19" {
		t.Errorf("first vintage = %+v", o)
	}
	if o := got2020[1]; o.Value != 6527 || o.Qualifier != "exact" || !o.Latest || o.Source != "globaltimes_2026_01_27" {
		t.Errorf("second vintage = %+v", o)
	}

	latest, err := queries.Observations(ctx, db, queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}, LatestOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var periods []string
	for _, o := range latest {
		periods = append(periods, o.Period)
	}
	// 2016 is a known hole and stays one.
	want := []string{"2013", "2014", "2015", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"}
	if len(periods) != len(want) {
		t.Fatalf("latest periods = %v, want %v", periods, want)
	}
	for i := range want {
		if periods[i] != want[i] {
			t.Fatalf("latest periods = %v, want %v", periods, want)
		}
	}

	// As of 2022-01-01 the 2020 figure was the "more than 6500" one.
	asOf, err := queries.Observations(ctx, db, queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan"},
		AsOf: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), LatestOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, o := range asOf {
		if o.Period == "2020" {
			found = true
			if o.Value != 6500 || o.Qualifier != "more_than" {
				t.Errorf("as of 2022-01-01, 2020 = %v %s", o.Value, o.Qualifier)
			}
		}
		if o.End.Year() > 2020 {
			t.Errorf("as of 2022-01-01 shows %s published %s", o.Period, o.SourcePublished)
		}
	}
	if !found {
		t.Error("as of 2022-01-01: no 2020 figure")
	}
}

func TestObservationsChinaRDFinalBeatsPreliminary(t *testing.T) {
	db := openDB(t)
	obs, err := queries.Observations(context.Background(), db, queries.Filter{Indicators: []string{"rd_intensity"}, Regions: []string{"china"}, LatestOnly: true,
		From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 1 || obs[0].Value != 2.69 || obs[0].Status != "final" {
		t.Fatalf("China R&D 2024 latest = %+v, want 2.69 final", obs)
	}
}

func BenchmarkObservations(b *testing.B) {
	db := openDB(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := queries.Observations(ctx, db, queries.Filter{LatestOnly: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCurrentMatchesRanked: without as_of, figures come from the latest flag
// ingest stored (current_observations); they must be exactly what ranking
// the vintages per query gives, row for row and flag for flag, through a
// plain *sql.DB and through prepared statements (queries.DB) alike.
func TestCurrentMatchesRanked(t *testing.T) {
	db := openDB(t)
	prepared := queries.NewDB(db)
	ctx := context.Background()
	y := func(year int) time.Time { return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }
	inds, err := queries.Indicators(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var all []string // more series with two regions than one text names
	for _, ind := range inds {
		all = append(all, ind.ID)
	}
	const one, two, bySeries = "series text, 1 runs", "series text, 2 runs", "figures:by-series"
	filters := []struct {
		f    queries.Filter
		path string // how figuresOf asks (FiguresPath)
	}{
		{queries.Filter{}, "figures"},
		{queries.Filter{LatestOnly: true}, "figures"},
		// Named indicators and regions: their series written into the
		// text (queries.go, seriesText), every vintage or the latest.
		{queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}}, one},
		{queries.Filter{Indicators: []string{"rd_intensity", "gdp"}, Regions: []string{"shenzhen", "nanshan"}, LatestOnly: true}, one},
		{queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"futian", "nanshan", "luohu", "shenzhen"}}, one},
		{queries.Filter{Indicators: []string{"gdp", "gdp", "rd_intensity"}, Regions: []string{"nanshan", "nanshan"}}, one}, // ids twice
		{queries.Filter{Indicators: all, Regions: []string{"china"}, LatestOnly: true}, one},
		{queries.Filter{Indicators: []string{"rd_intensity", "gdp"}, Regions: []string{"shenzhen", "nanshan", "china"}, LatestOnly: true}, one},
		// regions far apart in the series numbering: a scan each
		{queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan", "china"}, LatestOnly: true}, two},
		{queries.Filter{Indicators: []string{"gdp", "rd_intensity", "gdp_growth"}, Regions: []string{"nanshan", "baoan"}}, two},
		{queries.Filter{Indicators: []string{"gdp", "no_such_indicator"}, Regions: []string{"nanshan", "nowhere"}}, one}, // ids the snapshot lacks select nothing
		{queries.Filter{Indicators: []string{"no_such_indicator"}, Regions: []string{"nowhere"}}, "none"},
		// more series than one text names: figures.sql by series number
		{queries.Filter{Indicators: all, Regions: []string{"nanshan", "shenzhen"}}, bySeries},
		{queries.Filter{Indicators: all[:20], Regions: []string{"china", "nanshan", "shenzhen", "futian"}, LatestOnly: true}, bySeries},
		// every region or every indicator: the id variants
		{queries.Filter{Indicators: []string{"gdp"}, From: y(2015), To: y(2021)}, "figures:one-indicator"},
		// mid-year bounds: a year's span must lie wholly inside them
		{queries.Filter{Indicators: []string{"gdp"}, From: y(2015).AddDate(0, 6, 0), To: y(2021).AddDate(0, 6, 0)}, "figures:one-indicator"},
		{queries.Filter{Regions: []string{"china"}}, "figures:one-region"},
		{queries.Filter{Indicators: []string{"gdp", "rd_intensity"}}, "figures"},
	}
	var superseded int
	for _, c := range filters {
		f := c.f
		if path, err := queries.FiguresPath(ctx, prepared, f); err != nil {
			t.Fatal(err)
		} else if path != c.path {
			t.Errorf("%+v is asked by %s, want %s", f, path, c.path)
		}
		want, err := queries.ObservationsRanked(ctx, db, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range want {
			if !o.Latest {
				superseded++
			}
		}
		eachWay(t, db, prepared, func(name string, q queries.Querier) {
			got, err := queries.Observations(ctx, q, f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%+v through %s: %d rows differ from the ranked %d", f, name, len(got), len(want))
			}
		})
	}
	if superseded == 0 {
		t.Fatal("no superseded vintage among the filters: the comparison proves nothing")
	}
	if _, err := db.ExecContext(ctx, `SELECT * FROM current_observations('', '', NULL, NULL, DATE '2022-01-01')`); err == nil {
		t.Error("current_observations answered as of a date; it must refuse")
	} else if !strings.Contains(err.Error(), "ranked_observations") {
		t.Errorf("current_observations as of a date: %v", err)
	}
}

// BenchmarkObservationsPage is an indicator page's query (one indicator, one
// region, every vintage): ranked and joined in DuckDB (observations.sql, as
// every page ran it before), and as pages run it now: figures.sql through
// statements prepared once, joined and sorted in Go with the small tables a
// queries.DB keeps. On 89 figures nearly all of it is DuckDB's fixed cost
// per operator: joins, the window, the sort.
func BenchmarkObservationsPage(b *testing.B) {
	db := openDB(b)
	ctx := context.Background()
	f := queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}}
	for _, bc := range []struct {
		name string
		q    queries.Querier
		run  func(context.Context, queries.Querier, queries.Filter) ([]queries.Observation, error)
	}{
		{"ranked-joined", db, queries.ObservationsRanked},
		{"figures-prepared", queries.NewDB(db), queries.Observations},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if obs, err := bc.run(ctx, bc.q, f); err != nil || len(obs) == 0 {
					b.Fatal(len(obs), err)
				}
			}
		})
	}
}

// eachWay runs ask through a plain *sql.DB, through a queries.DB (prepared
// statements, figure context and result cache) and through one without its
// result cache, twice each: the second answer comes from the prepared
// statements and, but for the last, the cache.
func eachWay(t *testing.T, db *sql.DB, prepared *queries.DB, ask func(name string, q queries.Querier)) {
	t.Helper()
	// The second answer of this one comes from its statements alone (a
	// series text planned once and run again), not the result cache.
	uncached := queries.NewDB(db)
	uncached.SetResultBytes(0)
	for name, q := range map[string]queries.Querier{"sql.DB": db, "prepared": prepared, "prepared without result cache": uncached} {
		for range 2 {
			ask(name, q)
		}
	}
}
