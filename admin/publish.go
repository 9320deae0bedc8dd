package admin

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"districtstats/importer"
	"districtstats/ingest"
)

// Entry is one publish in the history: who, when, what, and the snapshot
// it produced. A restore is a publish too, of an earlier entry's data.
type Entry struct {
	ID           int       `json:"id"`
	Kind         string    `json:"kind"` // baseline | publish | restore
	User         string    `json:"user"`
	Time         time.Time `json:"time"`
	Files        []string  `json:"files,omitempty"`
	Added        int       `json:"added"`
	Revised      int       `json:"revised"`
	RestoredFrom int       `json:"restored_from,omitempty"`
	SnapshotSHA  string    `json:"snapshot_sha256"`
}

// publisher writes data/, builds the snapshot and keeps the history and the
// audit log in its state directory:
//
//	state/audit.log                 append-only, one JSON line per event
//	state/history/000001/entry.json the Entry
//	state/history/000001/data/      the data files as published
//	state/history/000001/preview.csv the preview that was published
//	state/lock                      held while publishing, across processes
type publisher struct {
	dataDir, dbPath, stateDir string
	mu                        sync.Mutex // within this process; the lock file across processes
}

func (p *publisher) historyDir() string { return filepath.Join(p.stateDir, "history") }

// lock serialises publishes across every server that shares the state
// directory.
func (p *publisher) lock() (func(), error) {
	p.mu.Lock()
	f, err := os.OpenFile(filepath.Join(p.stateDir, "lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		p.mu.Unlock()
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		p.mu.Unlock()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
		p.mu.Unlock()
	}, nil
}

// audit appends one event to the audit log. The file is opened for
// appending only; nothing in the program rewrites it.
func (p *publisher) audit(event, user, ip string, detail map[string]any) error {
	rec := map[string]any{"time": time.Now().UTC().Format(time.RFC3339Nano), "event": event, "user": user, "ip": ip}
	for k, v := range detail {
		rec[k] = v
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(p.stateDir, "audit.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(append(b, '\n')); err != nil {
		return err
	}
	return f.Sync()
}

// History lists every publish, newest first.
func (p *publisher) History() ([]Entry, error) {
	dirs, err := os.ReadDir(p.historyDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(p.historyDir(), d.Name(), "entry.json"))
		if err != nil {
			continue // an entry being written
		}
		var e Entry
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry) int { return b.ID - a.ID })
	return out, nil
}

// dataFiles reads every regular file of a data directory.
func dataFiles(dir string) (map[string][]byte, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, e := range es {
		if !e.Type().IsRegular() || strings.Contains(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out[e.Name()] = b
	}
	return out, nil
}

// putData replaces the data directory's files with files, each by rename.
func putData(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	// sources before observations: a source no figure cites yet is valid.
	slices.SortFunc(names, func(a, b string) int {
		if a == "observations.csv" {
			return 1
		}
		if b == "observations.csv" {
			return -1
		}
		return strings.Compare(a, b)
	})
	for _, n := range names {
		if err := importer.ReplaceFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// record saves an entry with a copy of the data as it now is.
func (p *publisher) record(e Entry, preview []byte) (Entry, error) {
	hist, err := p.History()
	if err != nil {
		return e, err
	}
	e.ID = 1
	if len(hist) > 0 {
		e.ID = hist[0].ID + 1
	}
	dir := filepath.Join(p.historyDir(), fmt.Sprintf("%06d", e.ID))
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return e, err
	}
	files, err := dataFiles(p.dataDir)
	if err != nil {
		return e, err
	}
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, "data", n), b, 0o644); err != nil {
			return e, err
		}
	}
	if preview != nil {
		if err := os.WriteFile(filepath.Join(dir, "preview.csv"), preview, 0o644); err != nil {
			return e, err
		}
	}
	b, _ := json.MarshalIndent(e, "", "  ")
	return e, importer.ReplaceFile(filepath.Join(dir, "entry.json"), b, 0o644) // last: the entry exists once complete
}

// baseline records the data as it was before the first publish, so that
// the first publish can be undone like any other.
func (p *publisher) baseline() error {
	hist, err := p.History()
	if err != nil || len(hist) > 0 {
		return err
	}
	sha, err := fileSHA(p.dbPath)
	if err != nil {
		return err
	}
	_, err = p.record(Entry{Kind: "baseline", User: "-", Time: time.Now().UTC(), SnapshotSHA: sha}, nil)
	return err
}

// apply changes data/ with change, then builds the snapshot. If either
// fails, data/ is put back exactly as it was and the snapshot is untouched
// (ingest.Build replaces it only when complete).
func (p *publisher) apply(ctx context.Context, change func() error) (string, error) {
	before, err := dataFiles(p.dataDir)
	if err != nil {
		return "", err
	}
	undo := func(cause error) (string, error) {
		if err := putData(p.dataDir, before); err != nil {
			return "", fmt.Errorf("%v; and putting data/ back failed: %v", cause, err)
		}
		return "", cause
	}
	if err := change(); err != nil {
		return undo(err)
	}
	if _, err := ingest.Build(ctx, p.dataDir, p.dbPath); err != nil {
		return undo(err)
	}
	return fileSHA(p.dbPath)
}

// Publish writes a preview's figures and publishes them.
func (p *publisher) Publish(ctx context.Context, user string, files []string, pv *importer.Preview) (Entry, error) {
	unlock, err := p.lock()
	if err != nil {
		return Entry{}, err
	}
	defer unlock()
	if err := p.baseline(); err != nil {
		return Entry{}, err
	}
	sha, err := p.apply(ctx, func() error { _, err := pv.Write(); return err })
	if err != nil {
		return Entry{}, err
	}
	var csv bytes.Buffer
	pv.WriteCSV(&csv)
	return p.record(Entry{Kind: "publish", User: user, Time: time.Now().UTC(), Files: files,
		Added: len(pv.Added), Revised: len(pv.Revised), SnapshotSHA: sha}, csv.Bytes())
}

// Restore publishes the data of an earlier entry again.
func (p *publisher) Restore(ctx context.Context, user string, id int) (Entry, error) {
	unlock, err := p.lock()
	if err != nil {
		return Entry{}, err
	}
	defer unlock()
	dir := filepath.Join(p.historyDir(), fmt.Sprintf("%06d", id))
	if _, err := os.Stat(filepath.Join(dir, "entry.json")); err != nil {
		return Entry{}, fmt.Errorf("no publish #%d", id)
	}
	files, err := dataFiles(filepath.Join(dir, "data"))
	if err != nil {
		return Entry{}, err
	}
	sha, err := p.apply(ctx, func() error { return putData(p.dataDir, files) })
	if err != nil {
		return Entry{}, err
	}
	return p.record(Entry{Kind: "restore", User: user, Time: time.Now().UTC(), RestoredFrom: id, SnapshotSHA: sha}, nil)
}

// Preview gives the CSV preview a publish recorded.
func (p *publisher) Preview(id int) ([]byte, error) {
	return os.ReadFile(filepath.Join(p.historyDir(), fmt.Sprintf("%06d", id), "preview.csv"))
}

func fileSHA(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
