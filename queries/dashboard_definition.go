package queries

import (
	"context"
	"database/sql"
	"errors"

	"districtstats/site"
)

// ErrNoDefinition says the snapshot was built from a data directory
// without a dashboard definition.
var ErrNoDefinition = errors.New("the snapshot holds no dashboard definition (data/" + site.FileName + ")")

// DashboardDefinition reads back the definition ingest checked and stored
// with the figures.
func DashboardDefinition(ctx context.Context, q Querier) (*site.Definition, error) {
	var raw []string
	err := each(ctx, q, "dashboard_definition", func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		raw = append(raw, s)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, ErrNoDefinition
	}
	return site.FromJSON([]byte(raw[0]))
}
