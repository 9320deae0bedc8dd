package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"districtstats/figure"
	"districtstats/queries"
)

// revisionWorkbook is an office's table that revises Nanshan's 2023 GDP
// (8566 in data/, from bjtitle_2024_08_14) and adds a year. The figures are
// test fixtures, not published ones.
func revisionWorkbook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"南山区地区生产总值（修订）"},
		{"指标", "单位", "2023年", "2026年"},
		{"地区生产总值", "亿元", 8566.12, "10,888.5"},
		{"注：2023年为最终核实数。"},
	}
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellValue("Sheet1", ref, v)
		}
	}
	f.MergeCell("Sheet1", "A1", "D1")
	path := filepath.Join(t.TempDir(), "修订.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportRevisesAndAdds: an XLSX that revises one figure and adds one
// year previews exactly that; -write appends exactly those rows and the new
// source; after ingest the snapshot holds both vintages of 2023, the
// revision as the latest.
func TestImportRevisesAndAdds(t *testing.T) {
	ctx := context.Background()
	data := copyData(t, nil)
	book := revisionWorkbook(t)
	obsBefore, _ := os.ReadFile(filepath.Join(data, "observations.csv"))
	args := []string{"import", book, "-data", data, "-source", "nsstats_2026_06", "-status", "final",
		"-source-title", "南山区地区生产总值（修订）", "-source-publisher", "南山区统计局", "-source-date", "2026-06-30"}

	// The preview as CSV: exactly one revision and one addition.
	var stdout, stderr bytes.Buffer
	if err := run(ctx, append(args, "-format", "csv"), &stdout, &stderr); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr.String())
	}
	wantCSV := "change,cell,indicator,region,period,value,qualifier,status,source,note,conversion,previous_value,previous_qualifier,previous_source,previous_line,cell_text,reason\n" +
		"added,修订.xlsx:Sheet1!D3,gdp,nanshan,2026,10888.5,exact,final,nsstats_2026_06,\"地区生产总值，2026年：10,888.5 亿元\",,,,,,,\n" +
		"revised,修订.xlsx:Sheet1!C3,gdp,nanshan,2023,8566.12,exact,final,nsstats_2026_06,地区生产总值，2023年：8566.12 亿元,,8566,exact,bjtitle_2024_08_14," + itoa(lineOf(t, obsBefore, "gdp,nanshan,2023,")) + ",,\n"
	if stdout.String() != wantCSV {
		t.Errorf("preview CSV:\n%s\nwant:\n%s", stdout.String(), wantCSV)
	}
	if after, _ := os.ReadFile(filepath.Join(data, "observations.csv")); !bytes.Equal(after, obsBefore) {
		t.Fatal("a preview without -write changed observations.csv")
	}

	// The preview as a table, then the write.
	stdout.Reset()
	if err := run(ctx, append(args, "-write"), &stdout, &stderr); err != nil {
		t.Fatalf("import -write: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"1 added, 1 revised, 0 identical, 0 rejected\n", "new source nsstats_2026_06: 南山区地区生产总值（修订） (南山区统计局, 2026-06-30)\n",
		"was 8566 exact from bjtitle_2024_08_14", "wrote 2 figures to " + filepath.Join(data, "observations.csv") + " and source nsstats_2026_06"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("import -write printed:\n%s\nwant it to contain %q", stdout.String(), want)
		}
	}
	obsAfter, _ := os.ReadFile(filepath.Join(data, "observations.csv"))
	wantObs := string(obsBefore) +
		// (the empty last field is period_stated: the bundled file has the column)
		"gdp,nanshan,2026,10888.5,exact,final,nsstats_2026_06,\"地区生产总值，2026年：10,888.5 亿元\",\n" +
		"gdp,nanshan,2023,8566.12,exact,final,nsstats_2026_06,地区生产总值，2023年：8566.12 亿元,\n"
	if string(obsAfter) != wantObs {
		t.Errorf("observations.csv after -write ends:\n%s", obsAfter[len(obsBefore)-min(len(obsBefore), 200):])
	}
	srcs, _ := os.ReadFile(filepath.Join(data, "sources.csv"))
	if !strings.HasSuffix(string(srcs), "\nnsstats_2026_06,南山区地区生产总值（修订）,南山区统计局,,2026-06-30,,,,\n") {
		t.Errorf("sources.csv does not end with the new source:\n%s", srcs)
	}

	// The same import again: everything is already there.
	stdout.Reset()
	if err := run(ctx, args, &stdout, &stderr); err != nil {
		t.Fatalf("import again: %v\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "0 added, 0 revised, 2 identical, 0 rejected\n") {
		t.Errorf("the second import printed:\n%s", stdout.String())
	}

	// check passes; ingest publishes both vintages, the revision latest.
	stdout.Reset()
	if err := run(ctx, []string{"check", "-data", data}, &stdout, &stderr); err != nil {
		t.Fatalf("check after import: %v\n%s", err, stderr.String())
	}
	db := filepath.Join(t.TempDir(), "snap.duckdb")
	if err := run(ctx, []string{"ingest", "-data", data, "-db", db}, &stdout, &stderr); err != nil {
		t.Fatalf("ingest after import: %v\n%s", err, stderr.String())
	}
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	obs, err := queries.Observations(ctx, conn, queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range obs {
		if o.Period == "2023" || o.Period == "2026" {
			got = append(got, strings.Join([]string{o.Period, figure.Digits(o.Value), o.Source, o.Status, boolWord(o.Latest)}, " "))
		}
	}
	want := []string{
		"2023 8566 bjtitle_2024_08_14 unknown earlier",
		"2023 8566.12 nsstats_2026_06 final latest",
		"2026 10888.5 nsstats_2026_06 final latest",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("snapshot figures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestImportUsage: files are required; bad flags are usage errors; an
// unknown source without a title is refused before anything is read.
func TestImportUsage(t *testing.T) {
	ctx := context.Background()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"import"}, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "name at least one .xlsx or .csv file") {
		t.Errorf("import without files: %v", err)
	}
	if err := run(ctx, []string{"import", "x.csv", "-format", "xml"}, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "-format is table or csv") {
		t.Errorf("import -format xml: %v", err)
	}
	book := revisionWorkbook(t)
	err := run(ctx, []string{"import", book, "-data", copyData(t, nil), "-source", "nosuch"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), `source "nosuch" is not in`) {
		t.Errorf("import -source nosuch: %v", err)
	}
}

func lineOf(t *testing.T, file []byte, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(string(file), "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

func boolWord(latest bool) string {
	if latest {
		return "latest"
	}
	return "earlier"
}
