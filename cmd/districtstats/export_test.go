package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"

	"districtstats/export"
)

func TestExportFiles(t *testing.T) {
	db := exportSnapshot(t)
	dir := t.TempDir()

	pq := filepath.Join(dir, "obs.parquet")
	if _, err := runCmd(t, "export", "-db", db, "-o", pq, "-latest=false"); err != nil {
		t.Fatal(err)
	}
	recs, err := parquet.ReadFile[export.ObservationRecord](pq)
	if err != nil || len(recs) != 12 {
		t.Fatalf("parquet: %d records, %v", len(recs), err)
	}

	all := filepath.Join(dir, "all.xlsx")
	if _, err := runCmd(t, "export", "-db", db, "-table", "all", "-o", all); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(all)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "observations,indicators,regions,sources" {
		t.Errorf("sheets %s", got)
	}
	// the default is the latest vintage: 11 of the 12 rows
	rows, _ := f.GetRows("observations")
	if len(rows) != 12 {
		t.Errorf("%d observation rows, want header + 11 latest", len(rows))
	}

	src := filepath.Join(dir, "sources.csv")
	if _, err := runCmd(t, "export", "-db", db, "-table", "sources", "-o", src); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(src)
	if !bytes.HasPrefix(b, []byte("id,title,publisher")) || !strings.Contains(string(b), "南山区统计局") {
		t.Errorf("sources.csv = %s", b)
	}

	// A failed export leaves the previous file as it was and nothing beside it.
	if _, err := runCmd(t, "export", "-db", db, "-table", "sources", "-o", src, "-regions", "atlantis"); err == nil {
		t.Error("bad region accepted")
	}
	after, _ := os.ReadFile(src)
	entries, _ := os.ReadDir(dir)
	if !bytes.Equal(after, b) || len(entries) != 3 {
		t.Errorf("a failed export touched the output: %d files", len(entries))
	}
	if _, err := runCmd(t, "export", "-db", db, "-table", "secrets"); err == nil {
		t.Error("unknown table accepted")
	}
}
