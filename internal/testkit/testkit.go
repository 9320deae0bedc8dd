// Package testkit is what tests of several packages share: a data
// directory copied for editing, a snapshot built by the real ingest, a
// headless Chromium, and the phone-layout measurement of issue 8. It
// imports no server package, so the server's own tests can use it too.
package testkit

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"districtstats/ingest"
)

// CopyData copies a data directory (its CSV files and dashboard.yaml)
// into a new temporary directory, so that a test can edit it.
func CopyData(tb testing.TB, src string) string {
	tb.Helper()
	dir := tb.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); e.IsDir() || (ext != ".csv" && ext != ".yaml") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// Snapshot builds a snapshot of a data directory with the real ingest
// into a temporary file and returns its path.
func Snapshot(tb testing.TB, dataDir string) string {
	tb.Helper()
	db := filepath.Join(tb.TempDir(), "test.duckdb")
	if _, err := ingest.Build(context.Background(), dataDir, db); err != nil {
		tb.Fatalf("ingest %s: %v", dataDir, err)
	}
	return db
}

// ChromiumPath finds Debian's Chromium. Without it browser tests skip
// locally; in CI (CI set) a missing browser fails.
func ChromiumPath(tb testing.TB) string {
	tb.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		tb.Fatal("browser tests are required in CI but chromium is missing: apt-get install chromium fonts-noto-cjk")
	}
	tb.Skip("chromium not found (apt-get install chromium fonts-noto-cjk); skipping browser tests")
	return ""
}

// Browser starts headless Chromium for one test and returns its tab.
func Browser(tb testing.TB) context.Context {
	tb.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ChromiumPath(tb)),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(tb.TempDir()),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatal(err)
	}
	return ctx
}
