// Package snapshot opens the DuckDB file ingest builds, read-only and locked
// down, with its small tables (the catalog), policy measures and dashboard
// definition read once; and a Store that swaps in a replaced file without
// failing a request in flight. The server and the command line both open
// snapshots through here.
package snapshot

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"districtstats/queries"
	"districtstats/site"
)

// Snapshot is one open, read-only snapshot file with its small tables
// cached: indicators, regions, sources and the definition are read on every
// page, and they cannot change while the file is open.
type Snapshot struct {
	DB   *queries.DB // named queries prepared once per snapshot, closed with it
	Info queries.SnapshotInfo
	*Catalog
	Measures []queries.PolicyMeasure
	Def      *site.Definition // the dashboard's shape, checked by ingest
	Loc      *time.Location   // the site's time zone
	Seq      uint64           // its place in the store's swaps: later snapshots have larger ones

	memo sync.Map // key -> *memoEntry: values derived from the snapshot (see Memo)

	mu      sync.Mutex
	refs    int  // requests using this snapshot
	retired bool // swapped out: close when refs reaches zero
}

// OpenDB opens a snapshot file read-only, locked down: no files or network
// beyond the snapshot (enable_external_access=false), no extension loading,
// bounded threads and memory, and the configuration locked so no query can
// change any of it.
func OpenDB(path string, threads int, maxMemory string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	dsn := fmt.Sprintf("%s?access_mode=read_only&enable_external_access=false&autoload_known_extensions=false"+
		"&autoinstall_known_extensions=false&threads=%d&max_memory=%s&lock_configuration=true", path, threads, maxMemory)
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

var openSeq atomic.Int64

// Open opens the snapshot at path and reads its catalog, measures and
// definition. A snapshot without a definition does not open.
func Open(ctx context.Context, path string, threads int, maxMemory string) (*Snapshot, error) {
	// DuckDB caches open databases by path, so reopening a replaced file by
	// its name would hand back the old one. Open it through a fresh hard link
	// instead, and drop the link once open: the handle keeps the inode.
	// (On a read-only directory, where no link can be made, open the path:
	// a swap then needs a restart.)
	link := fmt.Sprintf("%s.open-%d-%d", path, os.Getpid(), openSeq.Add(1))
	if err := os.Link(path, link); err != nil {
		link = path
	} else {
		defer os.Remove(link)
	}
	db, err := OpenDB(link, threads, maxMemory)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{DB: queries.NewDB(db)}
	if err := s.load(ctx); err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("snapshot %s: %w", path, err)
	}
	return s, nil
}

func (s *Snapshot) load(ctx context.Context) (err error) {
	if s.Info, err = queries.Snapshot(ctx, s.DB); err != nil {
		return err
	}
	if s.Catalog, err = LoadCatalog(ctx, s.DB); err != nil {
		return err
	}
	if s.Measures, err = queries.PolicyMeasures(ctx, s.DB); err != nil {
		return err
	}
	if s.Def, err = queries.DashboardDefinition(ctx, s.DB); err != nil {
		return err
	}
	s.Loc = s.Def.Location()
	// Before the snapshot takes requests: its first page would wait for it.
	return s.DB.ReadFigureContext(ctx)
}

type memoEntry struct {
	mu  sync.Mutex
	val any
}

// Memo returns the value load derives from this snapshot, loading it on
// first use and keeping it while the snapshot is open (a snapshot never
// changes). A failed load is not kept: the next call tries again.
func (s *Snapshot) Memo(key string, load func() (any, error)) (any, error) {
	e, _ := s.memo.LoadOrStore(key, &memoEntry{})
	m := e.(*memoEntry)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.val == nil {
		v, err := load()
		if err != nil {
			return nil, err
		}
		m.val = v
	}
	return m.val, nil
}

// Close closes the snapshot now; use it only for a snapshot no Store holds.
func (s *Snapshot) Close() error { return s.DB.Close() }

func (s *Snapshot) acquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.retired {
		return false
	}
	s.refs++
	return true
}

func (s *Snapshot) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refs--
	if s.retired && s.refs == 0 {
		s.DB.Close()
	}
}

// retire closes the snapshot once no request uses it any more.
func (s *Snapshot) retire() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.retired = true
	if s.refs == 0 {
		s.DB.Close()
	}
}
