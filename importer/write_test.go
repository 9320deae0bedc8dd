package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWrite appends exactly the added and revised figures, in the file's
// own line ends, and the new source; it refuses data that changed since
// the preview, and writes nothing when the result would fail check.
func TestWrite(t *testing.T) {
	dir := writeData(t)
	obsPath := filepath.Join(dir, "observations.csv")
	// The office's file has Windows line ends and no final newline.
	crlf := strings.TrimSuffix(strings.ReplaceAll(testData["observations.csv"], "\n", "\r\n"), "\r\n")
	if err := os.WriteFile(obsPath, []byte(crlf), 0o644); err != nil {
		t.Fatal(err)
	}
	file := []File{{"r.csv", []byte("2025年南山区主要指标\n指标,单位,2023年,2025年\n地区生产总值,亿元,8566.5,\"10,100\"\n")}}
	opts := Options{DataDir: dir, Source: "yb2026", NewSource: &Source{Title: "年鉴, 2026", Publisher: "南山区统计局", Published: "2026"}}
	p, err := Read(opts, file)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Counts(); got != "1 added, 1 revised, 0 identical, 0 rejected" {
		t.Fatalf("counts: %s", got)
	}
	w, err := p.Write()
	if err != nil {
		t.Fatal(err)
	}
	if w != (Written{Figures: 2, NewSource: true}) {
		t.Errorf("written: %+v", w)
	}
	got, _ := os.ReadFile(obsPath)
	want := crlf + "\r\n" +
		"gdp,nanshan,2025,10100,exact,unknown,yb2026,\"地区生产总值，2025年：10,100 亿元\"\r\n" +
		"gdp,nanshan,2023,8566.5,exact,unknown,yb2026,地区生产总值，2023年：8566.5 亿元\r\n"
	if string(got) != want {
		t.Errorf("observations.csv:\n%q\nwant:\n%q", got, want)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "sources.csv"))
	if !strings.HasSuffix(string(src), "\nyb2026,\"年鉴, 2026\",南山区统计局,,2026,,\n") {
		t.Errorf("sources.csv:\n%s", src)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// A preview made before someone else changed the data is refused.
	p, err = Read(Options{DataDir: dir, Source: "seed"}, []File{{"r.csv", []byte("2025年南山区主要指标\n指标,单位,2021年\n地区生产总值,亿元,7630.59\n")}})
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	os.WriteFile(obsPath, append(got, "gdp,nanshan,2019,6103.7,exact,unknown,seed,\n"...), 0o644)
	os.Chtimes(obsPath, later, later)
	if _, err := p.Write(); !errors.Is(err, ErrDataChanged) {
		t.Errorf("write after a change: %v; want ErrDataChanged", err)
	}

	// A write whose result fails check changes nothing: here the new
	// source's URL is not a web address.
	p, err = Read(Options{DataDir: dir, Source: "bad_url", NewSource: &Source{Title: "t", Publisher: "p", URL: "ftp://x"}}, []File{{"r.csv", []byte("2025年南山区主要指标\n指标,单位,2020年\n地区生产总值,亿元,6527\n")}})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(obsPath)
	beforeSrc, _ := os.ReadFile(filepath.Join(dir, "sources.csv"))
	_, err = p.Write()
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "sources.csv")+`:6: column "url": "ftp://x" is not an http(s) URL`) {
		t.Errorf("write of a bad source: %v", err)
	}
	after, _ := os.ReadFile(obsPath)
	afterSrc, _ := os.ReadFile(filepath.Join(dir, "sources.csv"))
	if string(after) != string(before) || string(afterSrc) != string(beforeSrc) {
		t.Error("a write that fails check changed data/")
	}
}

// A label or note in an office's file that Excel would run as a formula is
// neutralised in the preview CSV; numbers keep their sign.
func TestPreviewCSVNeutralisesFormulas(t *testing.T) {
	p := &Preview{
		Added:    []Figure{{Cell: "a.csv:2", Indicator: "gdp", Region: "nanshan", Period: "2024", Value: "-3.5", Qualifier: "exact", Note: "=HYPERLINK(\"x\")"}},
		Rejected: []Rejection{{Cell: "a.xlsx:Sheet1!A3", Text: "@SUM(A1)", Reason: "unknown indicator"}},
	}
	var b strings.Builder
	if err := p.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`,-3.5,`, `"'=HYPERLINK(""x"")"`, `,'@SUM(A1),unknown indicator`} {
		if !strings.Contains(out, want) {
			t.Errorf("preview CSV lacks %s:\n%s", want, out)
		}
	}
}
