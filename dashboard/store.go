package dashboard

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"districtstats/queries"
)

// Snapshot is one open, read-only snapshot file with its small tables
// cached: indicators, regions and sources are read on every page, and they
// cannot change while the file is open.
type Snapshot struct {
	DB         *sql.DB
	Info       queries.SnapshotInfo
	Indicators []queries.Indicator
	Regions    []queries.Region
	Sources    []queries.Source
	Measures   []queries.PolicyMeasure

	indicator map[string]*queries.Indicator
	region    map[string]*queries.Region
	source    map[string]*queries.Source

	figures figureCatalog // the figure check's catalog, loaded on first use

	seq uint64 // this snapshot's place in the store's swaps (see version)

	mu      sync.Mutex
	refs    int  // requests using this snapshot
	retired bool // swapped out: close when refs reaches zero
}

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

// Indicator looks an indicator up by id.
func (s *Snapshot) Indicator(id string) (*queries.Indicator, bool) {
	i, ok := s.indicator[id]
	return i, ok
}

// Region looks a region up by id.
func (s *Snapshot) Region(id string) (*queries.Region, bool) { r, ok := s.region[id]; return r, ok }

// Source looks a source up by id.
func (s *Snapshot) Source(id string) (*queries.Source, bool) { r, ok := s.source[id]; return r, ok }

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

func openSnapshot(ctx context.Context, path string, threads int, maxMemory string) (*Snapshot, error) {
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
	s := &Snapshot{DB: db, indicator: map[string]*queries.Indicator{}, region: map[string]*queries.Region{}, source: map[string]*queries.Source{}}
	if err := s.load(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("snapshot %s: %w", path, err)
	}
	return s, nil
}

func (s *Snapshot) load(ctx context.Context) (err error) {
	if s.Info, err = queries.Snapshot(ctx, s.DB); err != nil {
		return err
	}
	if s.Indicators, err = queries.Indicators(ctx, s.DB); err != nil {
		return err
	}
	if s.Regions, err = queries.Regions(ctx, s.DB); err != nil {
		return err
	}
	if s.Sources, err = queries.Sources(ctx, s.DB); err != nil {
		return err
	}
	if s.Measures, err = queries.PolicyMeasures(ctx, s.DB); err != nil {
		return err
	}
	for i := range s.Indicators {
		s.indicator[s.Indicators[i].ID] = &s.Indicators[i]
	}
	for i := range s.Regions {
		s.region[s.Regions[i].ID] = &s.Regions[i]
	}
	for i := range s.Sources {
		s.source[s.Sources[i].ID] = &s.Sources[i]
	}
	return nil
}

// Store hands out the current snapshot and swaps in a new one when the file
// is replaced (ingest renames a new file into place). A request holds its
// snapshot from start to end; the old handle closes once the last request
// using it is done, so a swap fails no request.
type Store struct {
	path      string
	threads   int
	maxMemory string
	log       *slog.Logger

	mu      sync.Mutex // serialises swaps
	current atomic.Pointer[Snapshot]
	opened  atomic.Uint64 // snapshots opened: the next one's seq
	stat    os.FileInfo
}

// OpenStore opens the snapshot at path.
func OpenStore(ctx context.Context, path string, threads int, maxMemory string, log *slog.Logger) (*Store, error) {
	st := &Store{path: path, threads: threads, maxMemory: maxMemory, log: log}
	if err := st.Reload(ctx); err != nil {
		return nil, err
	}
	return st, nil
}

// Acquire returns the current snapshot; call the release func when done.
func (st *Store) Acquire() (*Snapshot, func()) {
	for {
		if s := st.current.Load(); s.acquire() {
			return s, s.release
		}
		// lost a race with a swap: take the new one
	}
}

// Reload opens the file at the store's path if it changed since the last
// open, and swaps it in.
func (st *Store) Reload(ctx context.Context) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	fi, err := os.Stat(st.path)
	if err != nil {
		return err
	}
	if st.stat != nil && os.SameFile(st.stat, fi) && fi.ModTime().Equal(st.stat.ModTime()) && fi.Size() == st.stat.Size() {
		return nil
	}
	s, err := openSnapshot(ctx, st.path, st.threads, st.maxMemory)
	if err != nil {
		return err
	}
	s.seq = st.opened.Add(1)
	old := st.current.Swap(s)
	st.stat = fi
	if old != nil {
		st.log.Info("snapshot swapped", "path", st.path, "built_at", s.Info.BuiltAt, "observations", s.Info.Observations)
		old.retire()
	}
	return nil
}

// Watch polls the snapshot file every interval until ctx ends. Polling, not
// inotify: the file is replaced by rename, and a poll of one stat call a
// second costs nothing.
func (st *Store) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := st.Reload(ctx); err != nil && !errors.Is(err, context.Canceled) {
				st.log.Warn("snapshot reload failed; still serving the previous one", "path", st.path, "err", err)
			}
		}
	}
}

// Close closes the current snapshot.
func (st *Store) Close() error {
	st.current.Load().retire()
	return nil
}
