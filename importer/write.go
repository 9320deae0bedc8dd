package importer

import (
	"bytes"
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"districtstats/ingest"
)

// ErrDataChanged says the data directory changed after the preview was
// made: the preview no longer says what a write would do.
var ErrDataChanged = errors.New("the data directory changed since this preview was made; import again to see what would change now")

// Written says what Write changed.
type Written struct {
	Figures   int  // rows appended to observations.csv
	NewSource bool // a row appended to sources.csv
}

// Write appends the added and revised figures to observations.csv (and the
// new source to sources.csv), as the preview said. The new files are
// checked as a whole with ingest.Check first, in a copy of the data
// directory, and put in place by rename: on any problem data/ is left
// exactly as it was.
func (p *Preview) Write() (Written, error) {
	if len(p.records) == 0 && p.NewSource == nil {
		return Written{}, nil
	}
	now, err := stampData(p.dir)
	if err != nil {
		return Written{}, err
	}
	if !maps.Equal(now, p.stamp) {
		return Written{}, ErrDataChanged
	}
	next := map[string][]byte{}
	if p.NewSource != nil {
		b, err := appendRecords(filepath.Join(p.dir, "sources.csv"), [][]string{p.NewSource.record()})
		if err != nil {
			return Written{}, err
		}
		next["sources.csv"] = b
	}
	if len(p.records) > 0 {
		b, err := appendRecords(filepath.Join(p.dir, "observations.csv"), p.records)
		if err != nil {
			return Written{}, err
		}
		next["observations.csv"] = b
	}
	if err := checkWith(p.dir, next); err != nil {
		return Written{}, err
	}
	// sources.csv first: a source no figure cites yet is valid data; a
	// figure citing a missing source is not.
	for _, name := range []string{"sources.csv", "observations.csv"} {
		if b, ok := next[name]; ok {
			if err := ReplaceFile(filepath.Join(p.dir, name), b, 0o644); err != nil {
				return Written{}, err
			}
		}
	}
	return Written{Figures: len(p.records), NewSource: p.NewSource != nil}, nil
}

// appendRecords gives the file's bytes with records appended as CSV, in
// the file's own line ends.
func appendRecords(path string, records [][]string) ([]byte, error) {
	old, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	// A file may carry later, optional columns (period_stated, title_given
	// …): new rows get them empty, so every row has the header's width.
	if header, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(old, []byte("\uFEFF")))).Read(); err == nil {
		for i, r := range records {
			if len(r) < len(header) {
				records[i] = append(append([]string(nil), r...), make([]string, len(header)-len(r))...)
			}
		}
	}
	var add bytes.Buffer
	cw := csv.NewWriter(&add)
	cw.UseCRLF = bytes.Contains(old, []byte("\r\n"))
	cw.WriteAll(records)
	if err := cw.Error(); err != nil {
		return nil, err
	}
	out := bytes.Clone(old)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		if cw.UseCRLF {
			out = append(out, '\r')
		}
		out = append(out, '\n')
	}
	return append(out, add.Bytes()...), nil
}

// checkWith runs ingest.Check on a copy of dir with the files in next
// replaced, and reports problems under dir's own names.
func checkWith(dir string, next map[string][]byte) error {
	tmp, err := os.MkdirTemp("", "districtstats-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.Contains(e.Name(), ".tmp-") {
			continue
		}
		b, ok := next[e.Name()]
		if !ok {
			if b, err = os.ReadFile(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(tmp, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	if _, err := ingest.Check(tmp); err != nil {
		var ps *ingest.Problems
		if errors.As(err, &ps) {
			for i := range ps.List {
				ps.List[i].File = filepath.Join(dir, strings.TrimPrefix(ps.List[i].File, tmp+string(filepath.Separator)))
			}
		}
		return fmt.Errorf("the data would not pass check; nothing was written:\n%w", err)
	}
	return nil
}

// ReplaceFile writes b beside path and renames it over path, so that a
// reader sees the old file or the new one, never half of one. An existing
// file keeps its permissions; a new one gets mode.
func ReplaceFile(path string, b []byte, mode os.FileMode) error {
	var r [6]byte
	if _, err := rand.Read(r[:]); err != nil {
		return err
	}
	tmp := path + ".tmp-" + hex.EncodeToString(r[:])
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
