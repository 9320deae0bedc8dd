package queries

import (
	"context"
	"database/sql"
	"time"
)

// SnapshotInfo describes a snapshot as a whole.
type SnapshotInfo struct {
	BuiltAt         time.Time
	Observations    int
	LatestPublished string // newest source date, as written
}

// Snapshot returns when the snapshot was built and how fresh its data are.
func Snapshot(ctx context.Context, q Querier) (SnapshotInfo, error) {
	var s SnapshotInfo
	err := each(ctx, q, "snapshot", func(r *sql.Rows) error {
		return r.Scan(&s.BuiltAt, &s.Observations, &s.LatestPublished)
	})
	return s, err
}
