package dashboard

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestReports(t *testing.T) {
	base := exportServer(t)
	q := "?indicators=gdp&regions=nanshan,shenzhen&from=2020&to=2023"

	r := fetch(t, base+"/reports"+q)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	html := string(r.body)
	for _, want := range []string{"地区生产总值 南山区 (亿元)", "约7,500 亿元", "6,527 亿元", `value="gdp" checked`, `href="/reports.csv?`, "excel=1", `name="indicators"`} {
		if !strings.Contains(html, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	if strings.Contains(html, "6,000.5") || strings.Contains(html, "9,000") {
		t.Error("report page shows figures outside from=2020&to=2023")
	}
	if r := fetch(t, base+"/reports"+q+"&lang=en"); !strings.Contains(string(r.body), "Gross domestic product (GDP) Nanshan District (100 million yuan)") {
		t.Error("English report lacks the English header")
	}

	r = fetch(t, base+"/reports.csv"+q)
	got := parseCSV(t, r.body)
	// Columns follow regions=nanshan,shenzhen; values are numbers, with
	// their qualifier and status beside them.
	want := [][]string{
		{"时期", "地区生产总值 南山区 (亿元)", "地区生产总值 南山区 (亿元) 数值限定", "地区生产总值 南山区 (亿元) 状态",
			"地区生产总值 深圳市 (亿元)", "地区生产总值 深圳市 (亿元) 数值限定", "地区生产总值 深圳市 (亿元) 状态"},
		{"2020", "6527", "exact", "final", "", "", ""},
		{"2021", "7000.25", "exact", "final", "", "", ""},
		{"2022", "7500", "about", "unknown", "32387.68", "exact", "final"},
		{"2023", "8000", "exact", "preliminary", "34606.4", "exact", "final"},
	}
	if len(got) != len(want) {
		t.Fatalf("wide csv = %v", got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("wide row %d = %v, want %v", i, got[i], want[i])
		}
	}

	r = fetch(t, base+"/reports.csv"+q+"&layout=long&transform=yoy_pct&excel=1")
	got = parseCSV(t, r.body)
	p, v, reg := column(t, got[0], "period"), column(t, got[0], "value"), column(t, got[0], "region")
	var rows []string
	for _, rec := range got[1:] {
		rows = append(rows, rec[reg]+" "+rec[p]+"="+rec[v])
	}
	// 2020 compares with 2019 although from=2020: 526.5/6000.5; then
	// 2218.72/32387.68, 473.25/6527, 499.75/7000.25 (about), 500/7500 (about).
	// Regions in the order asked: nanshan, then shenzhen.
	wantRows := "nanshan 2020=8.774268810932423|nanshan 2021=7.250651141412594|nanshan 2022=7.139030748901825|nanshan 2023=6.666666666666667|shenzhen 2022=|shenzhen 2023=6.8505061183758755"
	if strings.Join(rows, "|") != wantRows {
		t.Errorf("long yoy_pct = %v\nwant %s", rows, wantRows)
	}

	// On the page a derived percentage shows 2 decimals and keeps "about".
	if r := fetch(t, base+"/reports"+q+"&transform=yoy_pct"); !strings.Contains(string(r.body), "约7.14%") || !strings.Contains(string(r.body), "同比变化率") {
		t.Error("yoy_pct page lacks 约7.14% or the transform in the header")
	}

	r = fetch(t, base+"/reports.json"+q)
	var wide struct {
		Layout  string
		Columns []struct{ Indicator, Region, Label string }
		Rows    []struct {
			Period string
			Cells  []*struct {
				Value     *float64
				Qualifier string
			}
		}
	}
	if err := json.Unmarshal(r.body, &wide); err != nil {
		t.Fatal(err)
	}
	// Columns in the order asked: nanshan (0), shenzhen (1).
	if wide.Layout != "wide" || len(wide.Rows) != 4 || wide.Columns[0].Region != "nanshan" || wide.Rows[2].Cells[0] == nil || *wide.Rows[2].Cells[0].Value != 7500 || wide.Rows[2].Cells[0].Qualifier != "about" || wide.Rows[0].Cells[1] != nil {
		t.Errorf("wide json = %s", r.body)
	}

	for _, bad := range []string{"/reports?indicators=nope", "/reports?layout=tall", "/reports.csv", "/reports?regions=atlantis"} {
		if r := fetch(t, base+bad); r.status != 400 {
			t.Errorf("%s: %d, want 400", bad, r.status)
		}
	}
	if r := fetch(t, base+"/reports"); r.status != 200 || !strings.Contains(string(r.body), `type="checkbox"`) {
		t.Errorf("empty report form: %d", r.status)
	}
}
