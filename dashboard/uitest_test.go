package dashboard

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/internal/testkit"
	"districtstats/snapshot"
)

// uiCopyData copies the bundled data/ (CSV files and the definition) into
// a temp dir, so a test can edit it.
func uiCopyData(tb testing.TB) string { return testkit.CopyData(tb, "../data") }

// uiSnapshot builds a snapshot of dataDir with the real ingest into a temp file.
func uiSnapshot(tb testing.TB, dataDir string) string { return testkit.Snapshot(tb, dataDir) }

// uiServer serves a snapshot file with the real server on a loopback port.
func uiServer(tb testing.TB, dbPath string) (*httptest.Server, *Store) {
	tb.Helper()
	return uiServerConfig(tb, dbPath, Config{Log: slog.New(slog.NewTextHandler(testLogWriter(tb), nil))})
}

// uiServerConfig is uiServer with a configuration of the test's choosing.
func uiServerConfig(tb testing.TB, dbPath string, cfg Config) (*httptest.Server, *Store) {
	tb.Helper()
	// One DuckDB thread per query, as serve runs (-threads 1): benchmarks
	// that profile through this server then see what serve does.
	store, err := snapshot.OpenStore(context.Background(), dbPath, 1, "512MB", cfg.Log)
	if err != nil {
		tb.Fatal(err)
	}
	e, err := New(store, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(e)
	tb.Cleanup(func() {
		srv.Close()
		store.Close()
	})
	return srv, store
}

// testLogWriter sends server logs to the test log when -v is set.
func testLogWriter(tb testing.TB) io.Writer {
	if testing.Verbose() {
		return os.Stderr
	}
	return io.Discard
}
