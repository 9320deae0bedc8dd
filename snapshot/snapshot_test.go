package snapshot_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/ingest"
	"districtstats/internal/testkit"
	"districtstats/queries"
	"districtstats/snapshot"
)

func TestOpenReadsCatalogAndDefinition(t *testing.T) {
	ctx := context.Background()
	s, err := snapshot.Open(ctx, testkit.Snapshot(t, "../data"), 1, "256MB")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Info.Observations == 0 || s.BuiltAt.IsZero() || !s.BuiltAt.Equal(s.Info.BuiltAt) {
		t.Fatalf("info %+v, catalog built at %v", s.Info, s.BuiltAt)
	}
	if ind, ok := s.Indicator("gdp"); !ok || ind.ID != "gdp" || ind.NameZh == "" {
		t.Errorf("Indicator(gdp) = %+v, %v", ind, ok)
	}
	if _, ok := s.Indicator("no_such"); ok {
		t.Error("an unknown indicator was found")
	}
	home := s.Def.Site.HomeRegion
	if r, ok := s.Region(home); !ok || r.ID != home {
		t.Errorf("home region %q not in the catalog", home)
	}
	if len(s.Def.Topics) == 0 {
		t.Error("the definition has no topics")
	}
	if s.Loc == nil || s.Loc.String() != s.Def.TimeZoneName() {
		t.Errorf("location %v, definition says %q", s.Loc, s.Def.TimeZoneName())
	}
	if len(s.Sources) == 0 {
		t.Fatal("no sources")
	}
	if src, ok := s.Source(s.Sources[0].ID); !ok || src != &s.Sources[0] {
		t.Error("Source does not return the catalog's row")
	}
}

// The handle is read-only, reads no other file and its settings cannot be
// loosened by a query.
func TestOpenIsLockedDown(t *testing.T) {
	ctx := context.Background()
	s, err := snapshot.Open(ctx, testkit.Snapshot(t, "../data"), 1, "256MB")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{
		`CREATE TABLE x (a INT)`,
		`SELECT * FROM read_csv('../data/regions.csv')`,
		`SET enable_external_access = true`,
		`SET max_memory = '8GB'`,
		`INSTALL httpfs`,
	} {
		if _, err := s.DB.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: succeeded on a locked-down snapshot", q)
		}
	}
}

// A snapshot without a dashboard definition does not open.
func TestOpenRefusesSnapshotWithoutDefinition(t *testing.T) {
	path := withoutDefinition(t, testkit.Snapshot(t, "../data"))
	_, err := snapshot.Open(context.Background(), path, 1, "256MB")
	if !errors.Is(err, queries.ErrNoDefinition) {
		t.Fatalf("err = %v, want ErrNoDefinition", err)
	}
}

// A snapshot built before observations were numbered by series, or before
// regions had their place in that numbering, would fail every page or
// decode its series wrongly: it does not open, and says to ingest again.
func TestOpenRefusesUnnumberedSnapshot(t *testing.T) {
	for _, drop := range []string{
		`ALTER TABLE observations DROP COLUMN series`,
		`ALTER TABLE regions DROP COLUMN place`,
	} {
		path := testkit.Snapshot(t, "../data")
		db, err := sql.Open("duckdb", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(drop); err != nil {
			t.Fatal(err)
		}
		db.Close()
		_, err = snapshot.Open(context.Background(), path, 1, "256MB")
		if !errors.Is(err, queries.ErrUnnumbered) || !strings.Contains(err.Error(), "run ingest again") {
			t.Fatalf("%s: err = %v, want ErrUnnumbered", drop, err)
		}
	}
}

// withoutDefinition deletes the stored definition from a built snapshot.
func withoutDefinition(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM dashboard_definition`); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCatalogOrIDGivesOnlyTheID(t *testing.T) {
	c := snapshot.NewCatalog(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), []queries.Indicator{{ID: "gdp", NameZh: "地区生产总值"}},
		[]queries.Region{{ID: "r1", NameEn: "R1"}}, []queries.Source{{ID: "s1", Publisher: "P"}})
	if i := c.IndicatorOrID("gdp"); i.NameZh != "地区生产总值" {
		t.Errorf("known indicator: %+v", i)
	}
	if i := c.IndicatorOrID("x"); *i != (queries.Indicator{ID: "x"}) {
		t.Errorf("unknown indicator: %+v", i)
	}
	if r := c.RegionOrID("y"); *r != (queries.Region{ID: "y"}) {
		t.Errorf("unknown region: %+v", r)
	}
	if r := c.RegionOrID("r1"); r.NameEn != "R1" {
		t.Errorf("known region: %+v", r)
	}
	if s := c.SourceOrID("z"); s.ID != "z" || s.Publisher != "" {
		t.Errorf("unknown source: %+v", s)
	}
	if s := c.SourceOrID("s1"); s.Publisher != "P" {
		t.Errorf("known source: %+v", s)
	}
}

// The store swaps in a replaced file; a request holding the old snapshot
// keeps using it until it releases it; a replacement that does not open is
// not swapped in.
func TestStoreSwapsOnChangeAndKeepsHeldSnapshot(t *testing.T) {
	ctx := context.Background()
	dir := testkit.CopyData(t, "../data")
	db := filepath.Join(t.TempDir(), "live.duckdb")
	build(t, dir, db)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := snapshot.OpenStore(ctx, db, 1, "256MB", log)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	old, releaseOld := st.Acquire()
	if err := st.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if s, release := st.Acquire(); s != old {
		t.Fatal("an unchanged file was reopened")
	} else {
		release()
	}

	editName(t, filepath.Join(dir, "dashboard.yaml"), "name_zh: ", "name_zh: 改过的")
	build(t, dir, db)
	if err := st.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	cur, release := st.Acquire()
	if cur == old || !strings.HasPrefix(cur.Def.Site.NameZh, "改过的") {
		t.Fatalf("not swapped: site name %q", cur.Def.Site.NameZh)
	}
	release()
	// The held snapshot still answers.
	if _, err := queries.Snapshot(ctx, old.DB); err != nil {
		t.Fatalf("the held snapshot closed under its request: %v", err)
	}
	releaseOld()
	if err := old.DB.Ping(); err == nil {
		t.Error("the retired snapshot is still open after its last release")
	}

	// A file without a definition is refused; the good one stays.
	next := filepath.Join(t.TempDir(), "next.duckdb")
	build(t, dir, next)
	withoutDefinition(t, next)
	if err := os.Rename(next, db); err != nil {
		t.Fatal(err)
	}
	if err := st.Reload(ctx); !errors.Is(err, queries.ErrNoDefinition) {
		t.Fatalf("reload of a snapshot without definition: %v", err)
	}
	s, release := st.Acquire()
	defer release()
	if s != cur {
		t.Fatal("a bad snapshot replaced the good one")
	}
	if _, err := queries.Snapshot(ctx, s.DB); err != nil {
		t.Fatal(err)
	}
}

// build ingests dir into db the way the command does: a new file renamed
// into place.
func build(t *testing.T, dir, db string) {
	t.Helper()
	if _, err := ingest.Build(context.Background(), dir, db); err != nil {
		t.Fatal(err)
	}
}

func editName(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), old, new, 1)
	if s == string(b) {
		t.Fatalf("%s: %q not found", path, old)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
