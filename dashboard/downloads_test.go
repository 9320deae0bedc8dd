package dashboard

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"

	"districtstats/export"
)

func TestDownloads(t *testing.T) {
	base := exportServer(t)
	r := fetch(t, base+"/downloads")
	if r.status != 200 {
		t.Fatalf("/downloads: %d %s", r.status, r.body)
	}
	for _, want := range []string{"/downloads/observations.csv", "/downloads/observations.csv?excel=1", "/downloads/observations.parquet", "/downloads/sources.json", "/downloads/districtstats.xlsx", "快照生成于"} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("downloads page lacks %q", want)
		}
	}

	// Every vintage: 12 rows in the fixture.
	r = fetch(t, base+"/downloads/observations.csv?excel=1")
	if !bytes.HasPrefix(r.body, []byte{0xEF, 0xBB, 0xBF}) {
		t.Error("no BOM")
	}
	recs := parseCSV(t, r.body)
	if len(recs) != 13 {
		t.Fatalf("observations.csv: %d records, want header + 12", len(recs))
	}
	if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, `filename="districtstats-observations-`) {
		t.Errorf("Content-Disposition %s", cd)
	}

	r = fetch(t, base+"/downloads/observations.parquet")
	if r.header.Get("Content-Type") != "application/vnd.apache.parquet" {
		t.Errorf("parquet type %s", r.header.Get("Content-Type"))
	}
	obs, err := parquet.Read[export.ObservationRecord](bytes.NewReader(r.body), int64(len(r.body)))
	if err != nil || len(obs) != 12 {
		t.Fatalf("observations.parquet: %d rows, %v", len(obs), err)
	}
	var neg bool
	for _, o := range obs {
		if o.Indicator == "gdp_growth" && o.Period == "2022" {
			neg = o.Value != nil && *o.Value == -3.2 && o.Note == "-3.2% 下降"
		}
	}
	if !neg {
		t.Error("parquet lost -3.2 or its note")
	}

	r = fetch(t, base+"/downloads/regions.json")
	var regs struct{ Regions []export.RegionJSON }
	if err := json.Unmarshal(r.body, &regs); err != nil || len(regs.Regions) != 3 || regs.Regions[2].NameZh != "南山区" {
		t.Errorf("regions.json = %s", r.body)
	}

	r = fetch(t, base+"/downloads/districtstats.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "observations,indicators,regions,sources" {
		t.Errorf("workbook sheets %s", got)
	}
	rows, _ := f.GetRows("observations")
	srcs, _ := f.GetRows("sources")
	if len(rows) != 13 || len(srcs) != 5 {
		t.Errorf("workbook: %d observation rows, %d source rows", len(rows), len(srcs))
	}

	for _, bad := range []string{"/downloads/secrets.csv", "/downloads/observations.exe", "/downloads/..%2Fetc.csv"} {
		if r := fetch(t, base+bad); r.status != 404 {
			t.Errorf("%s: %d, want 404", bad, r.status)
		}
	}
}
