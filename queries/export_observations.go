package queries

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// boundedRegions is how many named regions keep an export small enough to
// hold in memory: 30 regions x every indicator x every period.
const boundedRegions = 30

// EachExportObservation streams what EachObservation does, in the same
// order, but fills only the fields an export writes from the row itself:
// Start, End and the source's title, publisher, date, URL and flags may be
// left empty for the caller to look up in Sources. The short text columns arrive
// packed in one string (see export_observations.sql): a million-row export
// pays per value crossing from DuckDB, and this keeps it close to DuckDB's
// own COPY.
//
// A filter of a few named regions as of now (an API call, a chart's file)
// is bounded, so it takes the pages' path (eachObservation: one table read,
// joined and sorted in Go), whole fields filled: milliseconds less each.
func EachExportObservation(ctx context.Context, q Querier, f Filter, fn func(*Observation) error) error {
	if f.AsOf.IsZero() && len(f.Regions) > 0 && len(f.Regions) <= boundedRegions {
		return eachObservation(ctx, q, f, func(o *Observation, _ order) error { return fn(o) })
	}
	var o Observation
	var key string
	fields := [8]*string{&o.Indicator, &o.Region, &o.Period, &o.Freq, &o.Qualifier, &o.Status, &o.Source, &o.PeriodStated}
	return each(ctx, q, f.query("export_observations"), func(r *sql.Rows) error {
		if err := r.Scan(&key, &o.Value, &o.Note, &o.Latest); err != nil {
			return err
		}
		rest := key
		for i, p := range fields {
			var ok bool
			*p, rest, ok = strings.Cut(rest, "\x1f")
			if ok == (i == len(fields)-1) {
				return fmt.Errorf("row key %q: want %d fields", key, len(fields))
			}
		}
		return fn(&o)
	}, f.args()...)
}
