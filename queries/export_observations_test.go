package queries_test

import (
	"context"
	"testing"
	"time"

	"districtstats/queries"
)

// The export query must select the same rows, in the same order, with the
// same values as the full observations query, for every kind of filter.
func TestExportObservationsMatchesObservations(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	filters := []queries.Filter{
		{},
		{LatestOnly: true},
		{Indicators: []string{"gdp", "rd_intensity"}, Regions: []string{"nanshan", "china"}},
		{Regions: []string{"china", "nanshan"}, LatestOnly: true}, // few regions: the pages' path
		{Indicators: []string{"gdp"}, AsOf: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), LatestOnly: true},
		{From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)},
	}
	for i, f := range filters {
		want, err := queries.Observations(ctx, db, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []queries.Observation
		err = queries.EachExportObservation(ctx, db, f, func(o *queries.Observation) error {
			got = append(got, *o)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || len(got) != len(want) {
			t.Fatalf("filter %d: %d rows, observations gives %d", i, len(got), len(want))
		}
		// Dates and source fields may be left for the exporter to look up.
		clear := func(o queries.Observation) queries.Observation {
			o.Start, o.End, o.SourceTitle, o.SourcePublisher, o.SourcePublisherEn, o.SourcePublished, o.SourceURL = time.Time{}, time.Time{}, "", "", "", "", ""
			o.SourceTitleGiven, o.SourceCopy = false, false
			return o
		}
		for k := range want {
			if g, w := clear(got[k]), clear(want[k]); g != w {
				t.Errorf("filter %d row %d = %+v\nwant %+v", i, k, g, w)
			}
		}
	}
}
