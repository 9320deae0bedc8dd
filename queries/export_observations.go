package queries

import (
	"context"
	"database/sql"
)

// EachExportObservation streams what EachObservation does, in the same
// order, but fills only the fields an export writes from the row itself:
// Start, End and the source's title, publisher and URL are left empty for
// the caller to look up in Sources. Fewer columns per row is what keeps a
// million-row export close to DuckDB's own COPY.
func EachExportObservation(ctx context.Context, q Querier, f Filter, fn func(*Observation) error) error {
	var o Observation
	return each(ctx, q, "export_observations", func(r *sql.Rows) error {
		if err := r.Scan(&o.Indicator, &o.Region, &o.Period, &o.Freq, &o.Value, &o.Qualifier,
			&o.Status, &o.Source, &o.Note, &o.SourcePublished, &o.Latest); err != nil {
			return err
		}
		return fn(&o)
	}, f.args()...)
}
