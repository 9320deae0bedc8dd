package ingest

import (
	"database/sql/driver"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"districtstats/site"
)

// definitionFile is dashboard.yaml as read at the start of load: its
// topics decide what indicators.csv's topic column may say.
type definitionFile struct {
	path     string
	present  bool
	src      []byte
	parsed   *site.Definition // nil when absent or not valid YAML
	problems []site.Problem   // Parse's
	readErr  error
}

func (ds *Dataset) readDefinition() {
	f := &ds.def
	f.path = filepath.Join(ds.Dir, site.FileName)
	src, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return // reported by checkDefinition: the server needs the definition
	}
	f.present = true
	if err != nil {
		f.readErr = err
		return
	}
	f.src = src
	f.parsed, f.problems = site.Parse(src)
}

// checkTopic checks an indicator's topic: a topic of dashboard.yaml, so a
// district names its own topics.
func (ds *Dataset) checkTopic(c fileCheck, line int, rec []string) {
	switch {
	case ds.def.parsed != nil && rec[1] != "":
		var ids []string
		for _, t := range ds.def.parsed.Topics {
			if t.ID == rec[1] {
				return
			}
			ids = append(ids, t.ID)
		}
		c.col(line, 1, "%q is not a topic in %s (%s)", rec[1], site.FileName, strings.Join(ids, ", "))
	}
}

// checkDefinition checks dashboard.yaml (required: the server reads it)
// against the ids just read, so that check and ingest report its problems
// as they report the CSV files'. A definition that does not pass is never
// stored: the snapshot, and so the running server, keeps the last good one.
func (ds *Dataset) checkDefinition(ps *Problems) {
	f := &ds.def
	if !f.present {
		ps.add(f.path, 0, "file is missing: the dashboard's definition (site, topics, charts) is required; see docs/dashboard-definition.md")
		return
	}
	if f.readErr != nil {
		ps.add(f.path, 0, "%v", f.readErr)
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
	problems := f.problems
	if f.parsed != nil {
		problems = append(problems, f.parsed.Validate(cat)...)
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
	}
	for _, p := range problems {
		msg := p.Msg
		if p.Path != "" {
			msg = p.Path + ": " + msg
		}
		ps.add(f.path, p.Line, "%s", msg)
	}
	if len(problems) == 0 {
		ds.Definition = f.parsed
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

// regionPlaces is each region's place in the order observations are
// stored in (regions.place in schema.sql): the regions the definition
// names, then the others, each part by id.
func (ds *Dataset) regionPlaces() map[string]int {
	named := map[string]bool{}
	if ds.Definition != nil {
		for _, id := range ds.Definition.NamedRegions() {
			named[id] = true
		}
	}
	ids := make([]string, len(ds.Regions))
	for i, r := range ds.Regions {
		ids[i] = r[0]
	}
	sort.Slice(ids, func(i, j int) bool {
		if named[ids[i]] != named[ids[j]] {
			return named[ids[i]]
		}
		return ids[i] < ids[j]
	})
	place := make(map[string]int, len(ids))
	for i, id := range ids {
		place[id] = i
	}
	return place
}
