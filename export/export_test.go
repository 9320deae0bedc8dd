package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"

	"districtstats/export"
	"districtstats/figure"
	"districtstats/queries"
	"districtstats/transform"
)

func write(t *testing.T, f export.Format, filter queries.Filter, tr string) ([]byte, []queries.Observation) {
	t.Helper()
	db, cat := fixture(t)
	ctx := context.Background()
	want, err := queries.Observations(ctx, db, filter)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := export.Select(ctx, db, cat, filter, tr)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.WriteObservations(&buf, f, cat, rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), want
}

func col(name string) int {
	for i, c := range export.ObservationColumns {
		if c == name {
			return i
		}
	}
	panic(name)
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// find finds the Nanshan record of an indicator, period and source.
func find(t *testing.T, recs [][]string, ind, period, source string) []string {
	t.Helper()
	for _, r := range recs[1:] {
		if r[col("indicator")] == ind && r[col("region")] == "nanshan" && r[col("period")] == period && r[col("source")] == source {
			return r
		}
	}
	t.Fatalf("no row %s %s %s", ind, period, source)
	return nil
}

func TestCSVRoundTrip(t *testing.T) {
	b, want := write(t, export.CSV, queries.Filter{}, "level")
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) || bytes.Contains(b, []byte("\r\n")) {
		t.Error("plain CSV has a BOM or CRLF")
	}
	recs := readCSV(t, b)
	if strings.Join(recs[0], ",") != strings.Join(export.ObservationColumns, ",") {
		t.Errorf("header %v", recs[0])
	}
	if len(recs)-1 != len(want) || len(want) != 12 {
		t.Fatalf("%d rows, snapshot has %d (fixture 12)", len(recs)-1, len(want))
	}
	for i, o := range want {
		r := recs[i+1]
		v, err := strconv.ParseFloat(r[col("value")], 64)
		if err != nil || v != o.Value || r[col("indicator")] != o.Indicator || r[col("period")] != o.Period ||
			r[col("qualifier")] != o.Qualifier || r[col("note")] != o.Note || r[col("source")] != o.Source {
			t.Errorf("row %d = %v, want %+v", i, r, o)
		}
	}
	if r := find(t, recs, "gdp", "2023", "s2024"); r[col("note")] != "=1+1" {
		t.Errorf("plain CSV must keep the note raw: %q", r[col("note")])
	}
	r := find(t, recs, "gdp", "2020", "s2021")
	if r[col("region_zh")] != "南山区" || r[col("note")] != "超6500亿元" || r[col("qualifier")] != "more_than" || r[col("unit_zh")] != "亿元" || r[col("latest")] != "false" {
		t.Errorf("Chinese/qualifier row = %v", r)
	}
	if r := find(t, recs, "gdp", "2022", "s2024"); r[col("publication_date")] != "2024-03-01" || r[col("source_url")] != "http://example.org/2024" {
		t.Errorf("source columns = %v", r)
	}
	if r := find(t, recs, "gdp", "2019", "s2021"); r[col("value")] != "6000.5" {
		t.Errorf("6000.5 written as %q", r[col("value")])
	}
}

func TestExcelCSVNeutralises(t *testing.T) {
	b, _ := write(t, export.ExcelCSV, queries.Filter{}, "level")
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("Excel CSV starts %x, want a UTF-8 BOM", b[:3])
	}
	if n, crlf := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n")); n != crlf || n != 13 {
		t.Errorf("%d line ends, %d CRLF; want 13 CRLF", n, crlf)
	}
	recs := readCSV(t, b[3:])
	cases := []struct{ ind, period, src, column, want string }{
		{"gdp", "2023", "s2024", "note", "'=1+1"},
		{"gdp_growth", "2022", "s2024", "note", "'-3.2% 下降"},
		{"gdp_growth", "2022", "s2024", "value", "-3.2"}, // a number, not text
		{"gdp_growth", "2023", "s2024", "note", "'@risk"},
		{"gdp", "2020", "s2021", "note", "超6500亿元"},
		{"gdp", "2020", "s2021", "indicator_zh", "地区生产总值"},
	}
	for _, c := range cases {
		if got := find(t, recs, c.ind, c.period, c.src)[col(c.column)]; got != c.want {
			t.Errorf("%s %s %s: %s = %q, want %q", c.ind, c.period, c.src, c.column, got, c.want)
		}
	}
}

func TestXLSX(t *testing.T) {
	b, want := write(t, export.XLSX, queries.Filter{}, "level")
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != "observations,sources,indicators" {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows("observations")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != len(want) {
		t.Fatalf("%d rows, want %d", len(rows)-1, len(want))
	}
	panes, err := f.GetPanes("observations")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v %v: want the header frozen", panes, err)
	}
	for i, o := range want {
		cell, _ := excelize.CoordinatesToCellName(col("value")+1, i+2)
		// No t attribute (unset) means a number in OOXML.
		typ, err := f.GetCellType("observations", cell)
		if err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s: type %v, want a number", cell, typ)
		}
		raw, _ := f.GetCellValue("observations", cell, excelize.Options{RawCellValue: true})
		if v, _ := strconv.ParseFloat(raw, 64); v != o.Value {
			t.Errorf("%s = %s, want %v", cell, raw, o.Value)
		}
		shown, _ := f.GetCellValue("observations", cell)
		if shown != figure.Digits(o.Value) {
			t.Errorf("%s shows %q, want its published digits %q", cell, shown, figure.Digits(o.Value))
		}
		note, _ := excelize.CoordinatesToCellName(col("note")+1, i+2)
		if o.Note == "=1+1" {
			v, _ := f.GetCellValue("observations", note)
			formula, _ := f.GetCellFormula("observations", note)
			if v != "'=1+1" || formula != "" {
				t.Errorf("note %q formula %q: want the text '=1+1", v, formula)
			}
		}
	}
	srcs, _ := f.GetRows("sources")
	if len(srcs) != 5 || srcs[0][0] != "id" {
		t.Errorf("sources sheet = %v, want a header and 4 sources", srcs)
	}
	inds, _ := f.GetRows("indicators")
	if len(inds) != 4 || inds[2][10] != `'=HYPERLINK("http://x")` {
		t.Errorf("indicators sheet = %v", inds)
	}
}

func TestJSON(t *testing.T) {
	b, want := write(t, export.JSON, queries.Filter{Indicators: []string{"gdp_growth"}}, "level")
	var got struct {
		Snapshot struct {
			BuiltAt string `json:"built_at"`
		}
		Observations []map[string]any
		Indicators   []export.IndicatorJSON
		Regions      []export.RegionJSON
		Sources      []export.SourceJSON
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if got.Snapshot.BuiltAt == "" || len(got.Observations) != len(want) || len(want) != 2 {
		t.Fatalf("json = %s", b)
	}
	if v, ok := got.Observations[0]["value"].(float64); !ok || v != -3.2 {
		t.Errorf("value %#v, want the JSON number -3.2", got.Observations[0]["value"])
	}
	if len(got.Indicators) != 1 || got.Indicators[0].UnitZh != "%" || len(got.Sources) != 1 || got.Sources[0].Publisher != "南山区统计局" {
		t.Errorf("metadata = %+v %+v", got.Indicators, got.Sources)
	}
}

func TestParquet(t *testing.T) {
	b, want := write(t, export.Parquet, queries.Filter{}, "level")
	recs, err := parquet.Read[export.ObservationRecord](bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, o := range want {
		r := recs[i]
		if r.Value == nil || *r.Value != o.Value || r.Indicator != o.Indicator || r.Period != o.Period || r.Note != o.Note || r.Latest != o.Latest {
			t.Errorf("record %d = %+v, want %+v", i, r, o)
		}
	}
	if r := recs[len(recs)-1]; r.Region != "nanshan" || r.RegionZh != "南山区" || r.Period != "as of 2025-03-26" {
		t.Errorf("last record = %+v", r)
	}
}

func TestTransformedExport(t *testing.T) {
	b, _ := write(t, export.CSV, queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan"}}, transform.Change)
	recs := readCSV(t, b)
	// 2019: no 2018 (gap); 2020 uses the latest vintage 6527; 2022 is about;
	// the 2025 target is not transformed.
	want := [][]string{
		{"2019", "", "", "2018", "s2021", ""},
		{"2020", "526.5", "exact", "2019", "s2025", "s2021"},
		{"2021", "473.25", "exact", "2020", "s2024", "s2025"},
		{"2022", "499.75", "about", "2021", "s2024", "s2024"},
		{"2023", "500", "about", "2022", "s2024", "s2024"},
	}
	if len(recs)-1 != len(want) {
		t.Fatalf("%d rows, want %d: %v", len(recs)-1, len(want), recs)
	}
	for i, w := range want {
		r := recs[i+1]
		got := []string{r[col("period")], r[col("value")], r[col("qualifier")], r[col("base_period")], r[col("source")], r[col("base_source")]}
		if strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %v, want %v", i, got, w)
		}
		if r[col("transform")] != "change" || r[col("unit")] != "yi_yuan" {
			t.Errorf("row %d transform %q unit %q", i, r[col("transform")], r[col("unit")])
		}
	}
	b, _ = write(t, export.CSV, queries.Filter{Indicators: []string{"gdp_growth"}}, transform.PctChange)
	recs = readCSV(t, b)
	if len(recs) != 3 || recs[2][col("value")] != "-259.375" || recs[2][col("unit")] != "percent" {
		t.Errorf("pct_change of gdp_growth = %v", recs)
	}
}

func TestReportWide(t *testing.T) {
	db, cat := fixture(t)
	// Columns follow the order asked: nanshan before shenzhen, although
	// regions.csv lists shenzhen first.
	obs, err := queries.Observations(context.Background(), db, queries.Filter{Indicators: []string{"gdp"}, Regions: []string{"nanshan", "shenzhen"}, LatestOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	rows := transform.Levels(obs)
	var buf bytes.Buffer
	if err := export.WriteReport(&buf, export.CSV, cat, rows, "wide", figure.Zh); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	want := [][]string{
		{"时期", "地区生产总值 南山区 (亿元)", "地区生产总值 南山区 (亿元) 数值限定", "地区生产总值 南山区 (亿元) 状态",
			"地区生产总值 深圳市 (亿元)", "地区生产总值 深圳市 (亿元) 数值限定", "地区生产总值 深圳市 (亿元) 状态"},
		{"2019", "6000.5", "exact", "final", "", "", ""},
		{"2020", "6527", "exact", "final", "", "", ""},
		{"2021", "7000.25", "exact", "final", "", "", ""},
		{"2022", "7500", "about", "unknown", "32387.68", "exact", "final"},
		{"2023", "8000", "exact", "preliminary", "34606.4", "exact", "final"},
		{"2024", "", "", "", "", "", ""}, // a missing year stays a visible gap
		{"2025", "9000", "exact", "target", "", "", ""},
	}
	if len(recs) != len(want) {
		t.Fatalf("wide = %v", recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("wide row %d = %v, want %v", i, recs[i], want[i])
		}
	}

	buf.Reset()
	if err := export.WriteReport(&buf, export.XLSX, cat, rows, "wide", figure.En); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	cell := func(c string) string { v, _ := f.GetCellValue("report", c); return v }
	// Row 1 labels, row 2 units, row 3 sources, then the figures; 2022 is row 7.
	if cell("B1") != "Gross domestic product (GDP) Nanshan District (100 million yuan)" || cell("C1") != "Gross domestic product (GDP) Nanshan District (100 million yuan) qualifier" ||
		cell("A2") != "unit" || cell("B2") != "100 million yuan" || cell("A3") != "source" || cell("B3") == "" || cell("E3") == "" {
		t.Errorf("xlsx header rows: %q %q | %q %q | %q %q %q", cell("B1"), cell("C1"), cell("A2"), cell("B2"), cell("A3"), cell("B3"), cell("E3"))
	}
	typ, _ := f.GetCellType("report", "B7")
	if cell("A7") != "2022" || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || cell("B7") != "about 7500" || cell("C7") != "about" || cell("D7") != "unknown" {
		t.Errorf("xlsx 2022: %q %v %q %q %q", cell("A7"), typ, cell("B7"), cell("C7"), cell("D7"))
	}
	if raw, _ := f.GetCellValue("report", "B7", excelize.Options{RawCellValue: true}); raw != "7500" {
		t.Errorf("xlsx keeps the number: raw %q", raw)
	}
	if w, _ := f.GetColWidth("report", "B"); w < 40 {
		t.Errorf("column B is %v wide, narrower than its label", w)
	}
	if panes, _ := f.GetPanes("report"); !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes %+v: header, unit and source rows must stay in view", panes)
	}
}

// TestWideCSVIsNumeric reads a wide report as an analyst's program does
// (encoding/csv, like pandas): every value column parses as numbers, empty
// for gaps, for every transform and both languages; qualifiers and statuses
// sit in their own columns.
func TestWideCSVIsNumeric(t *testing.T) {
	db, cat := fixture(t)
	for _, tr := range transform.Valid {
		for _, lang := range []figure.Lang{figure.Zh, figure.En} {
			for _, f := range []export.Format{export.CSV, export.ExcelCSV} {
				rows, err := transform.Select(context.Background(), db, queries.Filter{LatestOnly: true}, tr, cat.IndicatorOrID)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := export.WriteReport(&buf, f, cat, rows, "wide", lang); err != nil {
					t.Fatal(err)
				}
				r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
				recs, err := r.ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if (len(recs[0])-1)%3 != 0 {
					t.Fatalf("%s %s: %d columns, want period + 3 per series", tr, lang, len(recs[0]))
				}
				numbers := 0
				for _, rec := range recs[1:] {
					for c := 1; c < len(rec); c += 3 {
						v, q, st := rec[c], rec[c+1], rec[c+2]
						if v == "" {
							if q != "" || st != "" {
								t.Errorf("%s %s: a gap with qualifier %q status %q", tr, lang, q, st)
							}
							continue
						}
						if _, err := strconv.ParseFloat(v, 64); err != nil {
							t.Errorf("%s %s %s: value column %q holds %q, not a number", tr, lang, f, recs[0][c], v)
						}
						if q == "" || st == "" {
							t.Errorf("%s %s: %s without qualifier or status", tr, lang, v)
						}
						numbers++
					}
				}
				if numbers == 0 {
					t.Errorf("%s %s: no figures", tr, lang)
				}
			}
		}
	}
}

func TestSmallTables(t *testing.T) {
	_, cat := fixture(t)
	for _, f := range []export.Format{export.CSV, export.JSON, export.Parquet} {
		var buf bytes.Buffer
		if err := export.WriteTable(&buf, f, cat, "sources", nil); err != nil {
			t.Fatal(err)
		}
		switch f {
		case export.CSV:
			recs := readCSV(t, buf.Bytes())
			if len(recs) != 5 || recs[1][0] != cat.Sources[0].ID {
				t.Errorf("sources.csv = %v", recs)
			}
		case export.JSON:
			var got struct{ Sources []export.SourceJSON }
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil || len(got.Sources) != 4 {
				t.Errorf("sources.json = %s (%v)", buf.Bytes(), err)
			}
		case export.Parquet:
			recs, err := parquet.Read[export.SourceRecord](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil || len(recs) != 4 || recs[0].Title != cat.Sources[0].Title {
				t.Errorf("sources.parquet = %+v (%v)", recs, err)
			}
		}
	}
	// Quotes, commas and formula-like text survive a round trip.
	var buf bytes.Buffer
	if err := export.WriteTable(&buf, export.CSV, cat, "indicators", nil); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	if len(recs) != 4 || recs[2][10] != `=HYPERLINK("http://x")` || recs[1][8] != cat.Indicators[0].DefinitionZh {
		t.Errorf("indicators.csv = %v", recs)
	}
	if err := export.WriteTable(io.Discard, export.CSV, cat, "secrets", nil); err == nil {
		t.Error("unknown table accepted")
	}
}

func TestDisposition(t *testing.T) {
	got := export.Disposition("nanshan-gdp-2013-2025", "南山区-地区生产总值-2013-2025", export.ExcelCSV)
	// The CSV for Excel has its own name, beside the plain CSV.
	want := `attachment; filename="nanshan-gdp-2013-2025-excel.csv"; filename*=UTF-8''%E5%8D%97%E5%B1%B1%E5%8C%BA-%E5%9C%B0%E5%8C%BA%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC-2013-2025-excel.csv`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := export.Disposition(`a"b/c`, "", export.XLSX); got != `attachment; filename="a-b-c.xlsx"` {
		t.Errorf("unsafe name: %s", got)
	}
}

// TestDispositionIsBounded: a report of 25,600 ids once sent a 205 KB header.
func TestDispositionIsBounded(t *testing.T) {
	var ids, names []string
	for i := 0; i < 25600; i++ {
		ids = append(ids, fmt.Sprintf("region_%05d", i))
		names = append(names, fmt.Sprintf("地区%d", i))
	}
	a := export.Disposition(strings.Join(ids, "-"), strings.Join(names, "-"), export.CSV)
	if len(a) > 600 {
		t.Fatalf("header of %d bytes: %.200s…", len(a), a)
	}
	if !strings.Contains(a, `filename="region_00000-region_00001`) || !strings.Contains(a, `.csv"`) {
		t.Errorf("the bounded name lost its start or extension: %s", a)
	}
	zh := a[strings.Index(a, "filename*=UTF-8''")+len("filename*=UTF-8''"):]
	dec, err := url.PathUnescape(zh)
	if err != nil || !utf8.ValidString(dec) || !strings.HasPrefix(dec, "地区0-地区1") || !strings.HasSuffix(dec, ".csv") {
		t.Errorf("the Chinese name was cut inside a character or lost its start: %q (%v)", dec, err)
	}
	// two long selections that differ only at the end get two names
	b := export.Disposition(strings.Join(ids[:25599], "-"), "", export.CSV)
	if strings.Split(a, ";")[1] == strings.Split(b, ";")[1] {
		t.Errorf("two selections share a name: %s / %s", a, b)
	}
}
