package figcheck

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/ingest"
)

var (
	catOnce sync.Once
	cat     *Catalog
	catErr  error
)

// bundled builds a snapshot from the repository's data/ into a temporary
// directory once per test binary and loads its catalog: a real DuckDB.
func bundled(tb testing.TB) *Catalog {
	tb.Helper()
	catOnce.Do(func() {
		dir, err := os.MkdirTemp("", "figcheck-test-")
		if err != nil {
			catErr = err
			return
		}
		defer os.RemoveAll(dir)
		cat, catErr = loadFrom(context.Background(), "../../data", filepath.Join(dir, "test.duckdb"))
	})
	if catErr != nil {
		tb.Fatal(catErr)
	}
	return cat
}

func loadFrom(ctx context.Context, data, path string) (*Catalog, error) {
	if _, err := ingest.Build(ctx, data, path); err != nil {
		return nil, err
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return Load(ctx, db)
}
