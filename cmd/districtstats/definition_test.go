package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// check and ingest report a bad dashboard definition with its line and
// key path, and ingest then writes nothing.
func TestCheckReportsBadDefinition(t *testing.T) {
	dir := copyData(t, nil)
	src, err := os.ReadFile("../../data/dashboard.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "kind: compare", "kind: pie", 1)
	if err := os.WriteFile(filepath.Join(dir, "dashboard.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(bad[:strings.Index(bad, "kind: pie")], "\n")
	want := filepath.Join(dir, "dashboard.yaml") + ":" + itoa(line) +
		`: topics[economy].charts[district_gdp].kind: "pie" is not a chart kind (line, bar, compare, composition, tiles, home_vs_rest)` + "\n" +
		"1 problem; nothing was written\n"
	for _, args := range [][]string{{"check", "-data", dir}, {"ingest", "-data", dir, "-db", filepath.Join(t.TempDir(), "s.duckdb")}} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); err == nil {
			t.Fatalf("%v passed a bad definition", args)
		}
		if stderr.String() != want {
			t.Errorf("%v printed:\n%s\nwant:\n%s", args, stderr.String(), want)
		}
	}
}
