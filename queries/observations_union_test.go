package queries_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"districtstats/queries"
)

// One query for several filters gives each filter exactly the rows, flags
// and order its own query gives.
func TestObservationsPerFilterMatchesOneQueryEach(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	y := func(year int) time.Time { return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }
	end := func(year int) time.Time { return time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC) }
	sets := map[string][]queries.Filter{
		"charts": {
			{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}, LatestOnly: true},
			{Indicators: []string{"gdp_growth"}, Regions: []string{"shenzhen", "nanshan"}, LatestOnly: true},
			{Indicators: []string{"tertiary_industry_share", "secondary_industry_share"}, Regions: []string{"nanshan"}, LatestOnly: true, From: y(2018)},
			{Indicators: []string{"gdp"}, Regions: []string{"futian", "nanshan", "luohu"}, LatestOnly: true, From: y(2015), To: end(2022)},
		},
		"every region or indicator": {
			{Regions: []string{"nanshan"}, LatestOnly: true},
			{Indicators: []string{"rd_intensity", "gdp"}, LatestOnly: true},
			{Indicators: []string{"gdp"}, Regions: []string{"shenzhen"}, LatestOnly: true, To: end(2020)},
		},
		"every vintage, as of": {
			{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}, AsOf: y(2022)},
			{Indicators: []string{"rd_intensity"}, Regions: []string{"china", "nanshan"}, AsOf: y(2022), From: y(2019)},
		},
		"mixed vintage rules": {
			{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}},
			{Indicators: []string{"gdp", "gdp_growth"}, Regions: []string{"nanshan", "shenzhen"}, LatestOnly: true},
			{Indicators: []string{"rd_intensity"}, Regions: []string{"china"}},
		},
		"different as of": {
			{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}, AsOf: y(2022), LatestOnly: true},
			{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}, LatestOnly: true},
		},
	}
	for name, fs := range sets {
		got, err := queries.ObservationsPerFilter(ctx, db, fs)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range fs {
			want, err := queries.Observations(ctx, db, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				t.Fatalf("%s: filter %d selects nothing: the test proves nothing", name, i)
			}
			if !reflect.DeepEqual(got[i], want) {
				t.Errorf("%s: filter %d: %d rows from the union, %d from its own query", name, i, len(got[i]), len(want))
				for k := range min(len(got[i]), len(want)) {
					if !reflect.DeepEqual(got[i][k], want[k]) {
						t.Errorf("  row %d: %s/%s/%s/%s, want %s/%s/%s/%s", k, got[i][k].Indicator, got[i][k].Region, got[i][k].Period, got[i][k].Source,
							want[k].Indicator, want[k].Region, want[k].Period, want[k].Source)
						break
					}
				}
			}
		}
	}
}
