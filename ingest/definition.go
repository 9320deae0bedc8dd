package ingest

import (
	"database/sql/driver"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"districtstats/site"
)

// checkDefinition reads the dashboard definition (dashboard.yaml) when
// the directory has one and checks it against the ids just read, so that
// check and ingest report its problems as they report the CSV files'. A
// definition that does not pass is never stored: the snapshot, and so the
// running server, keeps the last good one.
func (ds *Dataset) checkDefinition(ps *Problems) {
	path := filepath.Join(ds.Dir, site.FileName)
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return // optional until the dashboard reads it; see docs/dashboard-definition.md
	}
	if err != nil {
		ps.add(path, 0, "%v", err)
		return
	}
	var cat site.Catalog
	if ds.indicatorsRead {
		cat.Units = map[string]site.Unit{}
		for _, r := range ds.Indicators {
			cat.Units[r[0]] = site.Unit{Code: r[4], Zh: r[5]}
		}
	}
	if ds.regionsRead {
		cat.Parents = map[string]string{}
		for _, r := range ds.Regions {
			cat.Parents[r[0]] = r[4]
		}
	}
	d, problems := site.Check(src, cat)
	for _, p := range problems {
		msg := p.Msg
		if p.Path != "" {
			msg = p.Path + ": " + msg
		}
		ps.add(path, p.Line, "%s", msg)
	}
	if len(problems) == 0 {
		ds.Definition = d
	}
}

// appendDefinition stores the checked definition as one row of canonical
// JSON; a directory without one stores no row.
func (ds *Dataset) appendDefinition(c driver.Conn) error {
	if ds.Definition == nil {
		return nil
	}
	b, err := ds.Definition.CanonicalJSON()
	if err != nil {
		return err
	}
	return appendRows(c, "dashboard_definition", [][]string{{string(b)}}, func(_ int, r []string) []driver.Value {
		return []driver.Value{r[0]}
	})
}
