package queries

import (
	"context"
	"database/sql"
)

// Region is one row of regions.csv.
type Region struct {
	ID, NameZh, NameEn, Level, Parent string
}

// Regions returns every region in file order.
func Regions(ctx context.Context, q Querier) ([]Region, error) {
	var out []Region
	err := each(ctx, q, "regions", func(r *sql.Rows) error {
		var g Region
		err := r.Scan(&g.ID, &g.NameZh, &g.NameEn, &g.Level, &g.Parent)
		out = append(out, g)
		return err
	})
	return out, err
}
