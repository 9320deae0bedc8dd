package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"districtstats/internal/testkit"
)

// exportSnapshot builds the export fixture (a note "=1+1", -3.2, vintages,
// Chinese text) into a temp snapshot.
func exportSnapshot(t *testing.T) string {
	t.Helper()
	return testkit.Snapshot(t, "../../export/testdata/data")
}

func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), err
}

func TestQueryCSV(t *testing.T) {
	db := exportSnapshot(t)
	out, err := runCmd(t, "query", "-db", db, "-indicators", "gdp", "-regions", "nanshan", "-from", "2020", "-to", "2023", "-transform", "change")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[6]+"="+r[8]+" "+r[12])
	}
	want := "2020=526.5 exact|2021=473.25 exact|2022=499.75 about|2023=500 about"
	if strings.Join(got, "|") != want {
		t.Errorf("query change = %v, want %s", got, want)
	}

	out, err = runCmd(t, "query", "-db", db, "-indicators", "gdp", "-regions", "nanshan", "-from", "2020", "-to", "2020", "-latest=false", "-format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var j struct {
		Observations []struct {
			Value     float64
			Qualifier string
			Latest    bool
		}
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Observations) != 2 || j.Observations[0].Value != 6500 || j.Observations[0].Qualifier != "more_than" || j.Observations[1].Value != 6527 {
		t.Errorf("vintages = %+v", j.Observations)
	}

	out, err = runCmd(t, "query", "-db", db, "-indicators", "gdp_growth", "-format", "excel-csv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "\uFEFF") || !strings.Contains(out, ",-3.2,") || !strings.Contains(out, "'-3.2% 下降") {
		t.Errorf("excel csv = %q", out)
	}
}

func TestQueryBadFlags(t *testing.T) {
	db := exportSnapshot(t)
	for _, args := range [][]string{
		{"-indicators", "nope"}, {"-regions", "atlantis"}, {"-from", "20x4"}, {"-as-of", "2024/01/01"}, {"-transform", "log"}, {"-format", "docx"},
	} {
		_, err := runCmd(t, append([]string{"query", "-db", db}, args...)...)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), strings.TrimPrefix(args[0], "-")) {
			t.Errorf("%v: err %v, want a usage error naming the flag", args, err)
		}
	}
	if _, err := runCmd(t, "query", "-db", filepath.Join(t.TempDir(), "none.duckdb")); err == nil {
		t.Error("a missing snapshot must fail")
	}
}
