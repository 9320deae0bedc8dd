package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// copyData copies ../../data into a new directory and appends to files.
func copyData(t *testing.T, appendTo map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	es, err := os.ReadDir("../../data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if !strings.HasSuffix(e.Name(), ".csv") && e.Name() != "dashboard.yaml" {
			continue
		}
		b, err := os.ReadFile(filepath.Join("../../data", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, appendTo[e.Name()]...)
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func lineCount(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}

func sum256(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

var summaryLine = regexp.MustCompile(`^snapshot (.+): indicators=(\d+) regions=(\d+) sources=(\d+) observations=(\d+) periods=(\d+) policy_measures=(\d+) in \S+\n$`)

// TestIngestCommand drives the ingest subcommand as a user does: a good
// build prints one summary line; a bad one prints every problem as
// path:line: message, fails, and leaves the snapshot byte-identical with no
// temp files; a later good build replaces it.
func TestIngestCommand(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	db := filepath.Join(out, "districtstats.duckdb")

	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"ingest", "-data", "../../data", "-db", db}, &stdout, &stderr); err != nil {
		t.Fatalf("ingest ../../data: %v\n%s", err, stderr.String())
	}
	m := summaryLine.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("stdout %q: want one summary line", stdout.String())
	}
	wantObs := lineCount(t, "../../data/observations.csv") - 1
	if m[1] != db || m[5] != itoa(wantObs) {
		t.Errorf("summary %q: want %s with %d observations", stdout.String(), db, wantObs)
	}
	before := sum256(t, db)

	// Problems in two files, several lines each.
	obsLines := lineCount(t, "../../data/observations.csv")
	regLines := lineCount(t, "../../data/regions.csv")
	bad := copyData(t, map[string]string{
		"regions.csv": "xixiang,西乡街道,Xixiang Subdistrict,district,shenzen\n",
		// (the last field is period_stated: data/observations.csv has it)
		"observations.csv": "gdp,nanshan,2024,9501,exact,unknown,seed_2025_03_26,a copy of line 2,\n" +
			"gdp,nanshan,2012,\"2,800\",exact,unknown,nanshan_wr_2014,,\n" +
			"gdp,nanshan,2016,,exact,unknown,nanshan_wr_2016,a hole filled by guess,\n" +
			"rd_intensity,nanshan,2021,7.87,exact,unknown,some_blog,,\n",
	})
	obsPath, regPath := filepath.Join(bad, "observations.csv"), filepath.Join(bad, "regions.csv")
	want := []string{
		regPath + ":" + itoa(regLines+1) + `: column "parent": "shenzen" is not a region id in regions.csv`,
		obsPath + ":" + itoa(obsLines+1) + `: duplicate of line 2: the same indicator, region, period and source (gdp, nanshan, 2024, seed_2025_03_26)`,
		obsPath + ":" + itoa(obsLines+2) + `: column "value": "2,800" is not a number (write it without thousands separators)`,
		obsPath + ":" + itoa(obsLines+3) + `: column "value": is required`,
		obsPath + ":" + itoa(obsLines+4) + `: column "source": "some_blog" is not a source id in sources.csv`,
		"5 problems; nothing was written",
	}
	stdout.Reset()
	stderr.Reset()
	err := run(ctx, []string{"ingest", "-data", bad, "-db", db}, &stdout, &stderr)
	if !errors.Is(err, errReported) {
		t.Fatalf("ingest of bad data returned %v, want errReported (exit 1)", err)
	}
	if got := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), strings.Join(want, "\n"))
	}
	if stdout.Len() != 0 {
		t.Errorf("a failed ingest printed %q", stdout.String())
	}
	if sum256(t, db) != before {
		t.Error("a failed ingest changed the snapshot")
	}
	if es, _ := os.ReadDir(out); len(es) != 1 {
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		t.Errorf("a failed ingest left %v", names)
	}

	// A good change replaces the snapshot.
	good := copyData(t, map[string]string{"observations.csv": "gdp,nanshan,2023,8566,exact,unknown,seed_2025_03_26,,\n"})
	stdout.Reset()
	if err := run(ctx, []string{"ingest", "-data", good, "-db", db}, &stdout, &stderr); err != nil {
		t.Fatalf("ingest of good data: %v", err)
	}
	if m := summaryLine.FindStringSubmatch(stdout.String()); m == nil || m[5] != itoa(wantObs+1) {
		t.Errorf("summary %q: want %d observations", stdout.String(), wantObs+1)
	}
	if sum256(t, db) == before {
		t.Error("a good ingest left the old snapshot")
	}
}

// TestCheckCommand: check reports like ingest and writes nothing.
func TestCheckCommand(t *testing.T) {
	ctx := context.Background()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"check", "-data", "../../data"}, &stdout, &stderr); err != nil {
		t.Fatalf("check ../../data: %v\n%s", err, stderr.String())
	}
	if !regexp.MustCompile(`^\.\./\.\./data: ok \(\d+ indicators, \d+ regions, \d+ sources, \d+ observations, \d+ policy measures; dashboard "[^"]+": \d+ topics, \d+ charts\)\n$`).MatchString(stdout.String()) {
		t.Errorf("stdout %q", stdout.String())
	}

	bad := copyData(t, map[string]string{"observations.csv": "gdp,nanshan,2016,6000,about,estimated,seed_2025_03_26,,\n"})
	entries, _ := os.ReadDir(bad)
	stdout.Reset()
	err := run(ctx, []string{"check", "-data", bad}, &stdout, &stderr)
	if !errors.Is(err, errReported) {
		t.Fatalf("check of bad data returned %v, want errReported", err)
	}
	line := filepath.Join(bad, "observations.csv") + ":" + itoa(lineCount(t, "../../data/observations.csv")+1) +
		`: column "status": "estimated" is not one of unknown, preliminary, final, revised, target`
	if want := line + "\n1 problem; nothing was written\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
	if es, _ := os.ReadDir(bad); len(es) != len(entries) {
		t.Errorf("check wrote into the data directory: %d entries", len(es))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
