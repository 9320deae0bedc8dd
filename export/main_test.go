package export_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/export"
	"districtstats/ingest"
	"districtstats/queries"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// fixture builds a snapshot from testdata/data (a note "=1+1", a value
// -3.2, Chinese text, vintages, a target, a bound) and opens it read-only.
func fixture(tb testing.TB) (*sql.DB, *export.Catalog) {
	tb.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "export-test-"); buildErr != nil {
			return
		}
		_, buildErr = ingest.Build(context.Background(), "testdata/data", filepath.Join(buildDir, "test.duckdb"))
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	db, err := sql.Open("duckdb", filepath.Join(buildDir, "test.duckdb")+"?access_mode=read_only")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ctx := context.Background()
	info, err := queries.Snapshot(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	inds, err := queries.Indicators(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	regs, err := queries.Regions(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	srcs, err := queries.Sources(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	return db, export.NewCatalog(info.BuiltAt, inds, regs, srcs)
}
