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
	"districtstats/snapshot"
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
	cat, err := snapshot.LoadCatalog(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return db, cat
}
