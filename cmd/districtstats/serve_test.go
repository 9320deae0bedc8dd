package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeFreshClone runs `serve` as a newcomer does on a fresh clone: no
// snapshot yet, so it ingests first, prints the URL, serves, and shuts
// down cleanly when the context ends (SIGINT/SIGTERM in main).
func TestServeFreshClone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "var", "snapshot.duckdb")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-db", db, "-data", "../../data"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no URL printed: %v (serve returned %v)", err, <-done)
	}
	url := strings.TrimSpace(line)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("printed %q, want the URL to open", url)
	}
	go io.Copy(io.Discard, pr)
	for _, path := range []string{"/healthz", "/readyz", "/", "/indicators/gdp"} {
		resp, err := http.Get(url + path[1:])
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

func TestRunUsage(t *testing.T) {
	var stderr strings.Builder
	if err := run(context.Background(), []string{"frobnicate"}, io.Discard, &stderr); err == nil {
		t.Fatal("unknown subcommand accepted")
	}
	if !strings.Contains(stderr.String(), "serve") || !strings.Contains(stderr.String(), "ingest") {
		t.Errorf("usage lists no subcommands: %q", stderr.String())
	}
}

// TestHelpRunsNothing: -h prints a subcommand's flags and does nothing else
// (no ingest, no server, no output on stdout).
func TestHelpRunsNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "snapshot.duckdb")
	for _, sub := range []string{"ingest", "serve", "query", "export", "check"} {
		var stdout, stderr strings.Builder
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := run(ctx, []string{sub, "-h", "-db", db}, &stdout, &stderr)
		cancel()
		if err != nil {
			t.Errorf("%s -h: %v", sub, err)
		}
		if stdout.Len() != 0 {
			t.Errorf("%s -h wrote to stdout: %q", sub, stdout.String())
		}
		if !strings.Contains(stderr.String(), "-") {
			t.Errorf("%s -h printed no flags", sub)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("-h built a snapshot")
	}
}

// TestServeRefusesABadBaseURL: embed snippets carry -base-url as given, so
// it must be an absolute http(s) address.
func TestServeRefusesABadBaseURL(t *testing.T) {
	for _, bad := range []string{"stats.example.gov.cn", "javascript:alert(1)", "ftp://x", "https://x/?q=1", "/relative"} {
		err := run(context.Background(), []string{"serve", "-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "none.duckdb"), "-data", "../../data", "-base-url", bad}, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "base-url") {
			t.Errorf("-base-url %q: %v", bad, err)
		}
	}
}
