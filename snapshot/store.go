package snapshot

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"districtstats/queries"
)

// Store hands out the current snapshot and swaps in a new one when the file
// is replaced (ingest renames a new file into place). A request holds its
// snapshot from start to end; the old handle closes once the last request
// using it is done, so a swap fails no request. A file that does not open
// (or has no definition) never replaces the one being served.
type Store struct {
	path      string
	threads   int
	maxMemory string
	log       *slog.Logger

	mu         sync.Mutex // serialises swaps
	onSwap     []func(*Snapshot)
	queryBytes int64 // each snapshot's result cache bound; 0: queries.DefaultResultBytes
	current    atomic.Pointer[Snapshot]
	opened     atomic.Uint64 // snapshots opened: the next one's Seq
	stat       os.FileInfo
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
	s, err := Open(ctx, st.path, st.threads, st.maxMemory)
	if err != nil {
		return err
	}
	if st.queryBytes != 0 {
		s.DB.SetResultBytes(st.queryBytes)
	}
	s.Seq = st.opened.Add(1)
	old := st.current.Swap(s)
	st.stat = fi
	if old != nil {
		st.log.Info("snapshot swapped", "path", st.path, "built_at", s.Info.BuiltAt, "observations", s.Info.Observations)
		old.retire()
	}
	for _, fn := range st.onSwap {
		go fn(s)
	}
	return nil
}

// SetQueryCacheBytes bounds the query result cache (queries.DB) of the
// current snapshot and every one swapped in later; negative turns it off.
// Call it before serving: the current snapshot's cache is replaced.
func (st *Store) SetQueryCacheBytes(n int64) {
	if n == 0 {
		n = queries.DefaultResultBytes
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.queryBytes = n
	if cur := st.current.Load(); cur != nil {
		cur.DB.SetResultBytes(n)
	}
}

// OnSwap calls fn, in a goroutine of its own, with each snapshot swapped in
// from now on.
func (st *Store) OnSwap(fn func(*Snapshot)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.onSwap = append(st.onSwap, fn)
}

// Current returns the snapshot being served, without holding it: for its
// Seq and definition, not its database (use Acquire for that).
func (st *Store) Current() *Snapshot { return st.current.Load() }

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
