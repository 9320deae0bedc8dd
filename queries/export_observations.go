package queries

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// EachExportObservation streams what EachObservation does, in the same
// order, but fills only the fields an export writes from the row itself:
// Start, End and the source's title, publisher, date, URL and flags are left empty
// for the caller to look up in Sources. The short text columns arrive
// packed in one string (see export_observations.sql): a million-row export
// pays per value crossing from DuckDB, and this keeps it close to DuckDB's
// own COPY.
func EachExportObservation(ctx context.Context, q Querier, f Filter, fn func(*Observation) error) error {
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
