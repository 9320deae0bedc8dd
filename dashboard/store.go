package dashboard

import "districtstats/snapshot"

// The server reads one snapshot per request from a snapshot.Store; the
// snapshot carries the catalog, the measures and the dashboard definition.
type (
	Snapshot = snapshot.Snapshot
	Store    = snapshot.Store
)
