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
		for k := range want {
			w := want[k]
			w.Start, w.End, w.SourceTitle, w.SourcePublisher, w.SourcePublisherEn, w.SourcePublished, w.SourceURL = time.Time{}, time.Time{}, "", "", "", "", ""
			w.SourceTitleGiven, w.SourceCopy = false, false // source fields: looked up by the exporter
			if got[k] != w {
				t.Errorf("filter %d row %d = %+v\nwant %+v", i, k, got[k], w)
			}
		}
	}
}
