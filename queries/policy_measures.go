package queries

import (
	"context"
	"database/sql"
)

// PolicyMeasure is one measure of a policy package. Amount is text: a number,
// a range such as "30-70", or empty where the measure names no amount.
type PolicyMeasure struct {
	PillarZh, PillarEn, MeasureZh, MeasureEn string
	Amount, UnitZh, UnitEn, Qualifier        string
	Source                                   string
}

// PolicyMeasures returns every measure in file order.
func PolicyMeasures(ctx context.Context, q Querier) ([]PolicyMeasure, error) {
	var out []PolicyMeasure
	err := each(ctx, q, "policy_measures", func(r *sql.Rows) error {
		var m PolicyMeasure
		err := r.Scan(&m.PillarZh, &m.PillarEn, &m.MeasureZh, &m.MeasureEn, &m.Amount, &m.UnitZh, &m.UnitEn, &m.Qualifier, &m.Source)
		out = append(out, m)
		return err
	})
	return out, err
}
