package dashboard

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestUnknownParameters: a parameter a route does not take is a 400 that
// names it, never a silent answer to another question (singular
// indicator= used to return the whole dataset).
func TestUnknownParameters(t *testing.T) {
	base := bundledServer(t)
	r := fetch(t, base+"/api/v1/observations?indicator=gdp")
	var p struct {
		Status                  int
		Detail, DetailZh, Param string
		See                     string
	}
	json.Unmarshal(r.body, &p)
	p.DetailZh = jsonField(r.body, "detail_zh")
	if r.status != 400 || p.Param != "indicator" || !strings.Contains(p.Detail, "indicator=: did you mean indicators=?") ||
		!strings.Contains(p.DetailZh, "是否应为 indicators=") {
		t.Errorf("indicator= on the API: %d %s", r.status, r.body)
	}
	for _, u := range []string{"/indicators/gdp.csv?colour=red", "/topics/economy?colour=red", "/?colour=red", "/api/v1/regions?colour=red",
		"/reports?colour=red", "/briefing?transform=change", "/downloads?colour=red", "/indicators?region=nanshan"} {
		r := fetch(t, base+u)
		param := strings.SplitN(strings.SplitN(u, "?", 2)[1], "=", 2)[0]
		if r.status != 400 || !strings.Contains(string(r.body), param+"=") {
			t.Errorf("%s: %d %.300s, want a 400 naming %s=", u, r.status, r.body, param)
		}
	}
	// What a route does take still works.
	for _, u := range []string{"/indicators/gdp?region=nanshan&from=2015&to=2024&as_of=2025-12-31&transform=change&lang=en",
		"/indicators/gdp.csv?excel=1", "/reports?indicators=gdp&regions=nanshan&layout=long", "/briefing?indicators=gdp&topics=funds&region=nanshan",
		"/indicators?topic=funds&q=fund", "/api/v1/observations?indicators=gdp&regions=nanshan&latest=false"} {
		if r := fetch(t, base+u); r.status != 200 {
			t.Errorf("%s: %d %.300s", u, r.status, r.body)
		}
	}
}

func jsonField(b []byte, name string) string {
	var m map[string]any
	json.Unmarshal(b, &m)
	s, _ := m[name].(string)
	return s
}

// TestErrorLanguage: errors speak the page's language (Chinese by default)
// and link the list the value should come from.
func TestErrorLanguage(t *testing.T) {
	base := bundledServer(t)
	tests := []struct {
		path string
		want []string
	}{
		{"/indicators/gdp?region=atlantis", []string{`参数 region=&#34;atlantis&#34; 无效，应为：地区代码`, `<a href="/api/v1/regions">/api/v1/regions</a>`, "请求有误"}},
		{"/indicators/gdp?region=atlantis&lang=en", []string{`parameter region=&#34;atlantis&#34; is not valid: a region id`, `<a href="/api/v1/regions?lang=en">`, "Bad request"}},
		{"/indicators/gdp?transform=log", []string{`参数 transform=&#34;log&#34; 无效，应为：level、change、pct_change、yoy_pct 之一`, `<a href="/api/v1/docs">`}},
		{"/indicators.csv?topic=sports", nil}, // only .json exists: a 404, not a 400
	}
	for _, tt := range tests {
		r := fetch(t, base+tt.path)
		if tt.want == nil {
			if r.status != 404 {
				t.Errorf("%s: %d", tt.path, r.status)
			}
			continue
		}
		if r.status != 400 {
			t.Errorf("%s: status %d, want 400", tt.path, r.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(r.body), w) {
				t.Errorf("%s: no %q in\n%s", tt.path, w, r.body)
			}
		}
	}
	if r := fetch(t, base+"/indicators/gdp.csv?region=atlantis"); r.status != 400 ||
		string(r.body) != "参数 region=\"atlantis\" 无效，应为：地区代码，如 nanshan、shenzhen、guangdong （列表见 /api/v1/regions）\n" {
		t.Errorf("csv twin error: %d %q", r.status, r.body)
	}
}

// TestFormErrors: a bad value on /reports or /briefing shows the form again,
// with what was typed and the error beside the field.
func TestFormErrors(t *testing.T) {
	base := bundledServer(t)
	tests := []struct {
		path string
		want []string
	}{
		{"/reports?indicators=gdp&from=20x4", []string{`name="from" value="20x4"`,
			`name="from" value="20x4" placeholder="2015" size="8"></label><span class="field-error" role="alert" data-field="from">参数 from=&#34;20x4&#34; 无效`,
			`type="checkbox" name="indicators"`, `value="gdp" checked`, "请修改标出的项目后重新提交"}},
		{"/reports?indicators=nope&lang=en", []string{`data-field="indicators">parameter indicators=&#34;nope&#34; is not valid`, `<a href="/indicators?lang=en">`}},
		{"/reports?regions=atlantis", []string{`data-field="regions">参数 regions=&#34;atlantis&#34; 无效`}},
		{"/briefing?indicators=gdp,nope", []string{`data-field="indicators">参数 indicators=&#34;nope&#34; 无效`, `class="briefing-form`}},
		{"/briefing?topics=weather&lang=en", []string{`data-field="topics">parameter topics=&#34;weather&#34; is not valid`}},
		{"/briefing?indicators=gdp&region=mars", []string{`data-field="regions">参数 region=&#34;mars&#34; 无效`, `value="gdp" checked`}},
	}
	for _, tt := range tests {
		r := fetch(t, base+tt.path)
		if r.status != 400 {
			t.Errorf("%s: status %d, want 400", tt.path, r.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(r.body), w) {
				t.Errorf("%s: no %q in\n%s", tt.path, w, r.body)
			}
		}
	}
}

// TestBriefingTitleAndOrder: the briefing's title names the district (from
// regions.csv) and the date of its latest figure; indicators keep the order
// of the URL.
func TestBriefingTitleAndOrder(t *testing.T) {
	base := bundledServer(t)
	body := getOK(t, base+"/briefing?indicators=rd_intensity,gdp", "text/html")
	if !strings.Contains(body, `<h1 data-briefing="title">南山区新闻简报 · 资料截至`) {
		t.Errorf("title: %s", between(body, "<h1", "</h1>"))
	}
	if i, j := strings.Index(body, `data-indicator="rd_intensity"`), strings.Index(body, `data-indicator="gdp"`); i < 0 || j < 0 || i > j {
		t.Errorf("sections out of the order given: rd_intensity at %d, gdp at %d", i, j)
	}
	md := getOK(t, base+"/briefing.md?indicators=hightech_enterprises&lang=en", "text/markdown")
	if !strings.HasPrefix(md, "# Nanshan District press briefing · figures published up to 26 March 2025\n") {
		t.Errorf("markdown title: %.200s", md)
	}
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], b)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

// TestNominalGrowth: a rate computed from current-price GDP says it is
// nominal and is shown beside the real growth the statistics office
// publishes (indicators.csv price_basis and real_growth, not Go).
func TestNominalGrowth(t *testing.T) {
	base := bundledServer(t)
	page := getOK(t, base+"/indicators/gdp?transform=yoy_pct", "text/html")
	for _, w := range []string{"地区生产总值（名义同比变化率，按现价计算）", "名义增速由现价地区生产总值计算", "地区生产总值增速"} {
		if !strings.Contains(page, w) {
			t.Errorf("gdp yoy_pct page lacks %q", w)
		}
	}
	en := getOK(t, base+"/indicators/gdp?transform=yoy_pct&lang=en", "text/html")
	if !strings.Contains(en, "nominal percent change on a year earlier (from current-price levels)") {
		t.Error("English page does not say nominal")
	}
	csv := getOK(t, base+"/reports.csv?indicators=gdp&regions=nanshan&transform=yoy_pct&lang=en", "text/csv")
	if !strings.Contains(csv, "nominal percent change on a year earlier") {
		t.Errorf("report header does not say nominal: %.300s", csv)
	}
	long := getOK(t, base+"/indicators/gdp.csv?region=nanshan&transform=yoy_pct", "text/csv")
	if !strings.Contains(long, "nominal: computed from current-price levels, not the published real growth (gdp_growth)") {
		t.Errorf("rows do not say nominal: %.500s", long)
	}
	// A rate of a rate is not nominal.
	if p := getOK(t, base+"/indicators/rd_intensity?transform=yoy_pct", "text/html"); strings.Contains(p, "名义") {
		t.Error("rd_intensity's rate is called nominal")
	}
}

// TestGapCaptions: a year missing from a chart is missing from this
// dataset, which does not mean nothing was published.
func TestGapCaptions(t *testing.T) {
	base := bundledServer(t)
	for _, u := range []string{"/topics/economy", "/topics/economy?lang=en", "/indicators/gdp", "/indicators/gdp?lang=en"} {
		body := getOK(t, base+u, "text/html")
		for _, bad := range []string{"无公开数据", "no published figure", "No published figure", "没有公开数据"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s says %q", u, bad)
			}
		}
	}
	if en := getOK(t, base+"/topics/economy?lang=en", "text/html"); !strings.Contains(en, "2016: not in this dataset, left as a gap.") {
		t.Error("English gap caption missing")
	}
}

// TestPeriodMarks: a year the source did not state is shown as inferred
// wherever a figure's period is shown; an undated recent flow as recent; a
// target with its published horizon. Sources whose title is our
// description print no headline; copies say so.
func TestPeriodMarks(t *testing.T) {
	base := bundledServer(t)
	for _, tt := range []struct {
		path string
		want []string
	}{
		{"/indicators/rd_intensity", []string{"2024年（推断：来源未注明年份）", "2022年"}},
		{"/indicators/rd_intensity?lang=en", []string{"2024 (inferred: the source states no year)"}},
		{"/indicators/affordable_housing_units", []string{"近期（截至2025年3月26日报道）", "近期，南山区保障性住房建设筹集1.7万套（截至2025年3月26日报道）。"}},
		{"/indicators/robotics_cluster_size", []string{"3-5年内", "南山区机器人产业集群规模有望在3-5年内达到至少100亿元（目标）。"}},
		{"/topics/economy", []string{"2024年（推断）", "标“推断”的年份"}},
		{"/", []string{"2024年（推断：来源未注明年份）"}},
		{"/indicators/gdp", []string{`（未见原标题） Shenzhen GDP 2023`, "转载："}},
	} {
		body := getOK(t, base+tt.path, "text/html")
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", tt.path, w)
			}
		}
	}
	if body := getOK(t, base+"/indicators/robotics_cluster_size", "text/html"); strings.Contains(body, "2028-2030年，") {
		t.Error("the target's sentence states an invented 2028-2030")
	}
	txt := getOK(t, base+"/briefing.txt?indicators=gdp&region=shenzhen", "text/plain")
	if !strings.Contains(txt, "中国新闻网：《深圳去年創多項全國第一 今年GDP增長目標5.5%》，2025年2月25日，转载于m.igo9go.com") {
		t.Errorf("a copy's note:\n%s", txt)
	}
	md := getOK(t, base+"/briefing.md?indicators=rd_intensity&region=china&lang=en", "text/markdown")
	if strings.Contains(md, "“China R&D spending 2020”") {
		t.Errorf("a description printed as a headline:\n%s", md)
	}
}
