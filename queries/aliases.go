package queries

import (
	"context"
	"database/sql"
)

// Aliases returns the other names of each indicator, by indicator id.
func Aliases(ctx context.Context, q Querier) (map[string][]string, error) {
	out := map[string][]string{}
	err := each(ctx, q, "aliases", func(r *sql.Rows) error {
		var alias, ind string
		err := r.Scan(&alias, &ind)
		out[ind] = append(out[ind], alias)
		return err
	})
	return out, err
}
