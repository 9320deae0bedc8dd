package queries

import (
	"context"
	"database/sql"
)

// IndicatorRegions returns up to limit regions with figures of indicator,
// in file order, and how many regions have figures in all.
func IndicatorRegions(ctx context.Context, q Querier, indicator string, limit int) (ids []string, total int, err error) {
	err = each(ctx, q, "indicator_regions", func(r *sql.Rows) error {
		var id string
		if err := r.Scan(&id, &total); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}, indicator, limit)
	return ids, total, err
}
