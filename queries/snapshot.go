package queries

import (
	"context"
	"database/sql"
	"errors"
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
	var numbered bool
	err := each(ctx, q, "snapshot", func(r *sql.Rows) error {
		return r.Scan(&s.BuiltAt, &s.Observations, &s.LatestPublished, &numbered)
	})
	if err == nil && !numbered {
		err = ErrUnnumbered
	}
	return s, err
}

// ErrUnnumbered is a snapshot built by a version that did not number its
// series as this one reads them (observations.series, regions.place): it
// must be built again with ingest.
var ErrUnnumbered = errors.New("the snapshot was built by an older districtstats (its observations are not numbered as this version reads them): run ingest again")
