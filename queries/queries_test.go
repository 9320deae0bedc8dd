package queries_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/ingest"
)

var (
	buildOnce sync.Once
	buildPath string
	buildErr  error
	buildDir  string
)

// openDB builds a snapshot from the bundled data/ once per test binary and
// opens it read-only, as the dashboard does: a real DuckDB, no mocks.
func openDB(tb testing.TB) *sql.DB {
	tb.Helper()
	buildOnce.Do(func() {
		var err error
		buildDir, err = mkdirTemp()
		if err != nil {
			buildErr = err
			return
		}
		buildPath = filepath.Join(buildDir, "test.duckdb")
		_, buildErr = ingest.Build(context.Background(), "../data", buildPath)
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	db, err := sql.Open("duckdb", buildPath+"?access_mode=read_only")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
