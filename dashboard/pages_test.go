package dashboard

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// bundledServer serves a snapshot of the bundled data/ (ingest takes
// milliseconds, so each test builds its own).
func bundledServer(t *testing.T) string {
	t.Helper()
	srv, _ := uiServer(t, uiSnapshot(t, "../data"))
	return srv.URL
}

// get fetches a URL and returns status, content type and body.
func get(t *testing.T, url string) (int, string, string) {
	t.Helper()
	r := fetch(t, url)
	return r.status, r.header.Get("Content-Type"), string(r.body)
}

func TestPages(t *testing.T) {
	base := bundledServer(t)
	tests := []struct {
		path   string
		status int
		ctype  string
		want   []string
	}{
		{"/", 200, "text/html", []string{"超1.01万亿元", `aria-label="走势 2013–2025"`, "7.66%", "超5500家", "近90%", "约70%", "至少100亿元", "蛇口消息报"}},
		{"/?lang=en", 200, "text/html", []string{"more than 5,500 firms", "nearly 90%", "about 70%", "more than 1.01 trillion yuan", `aria-label="Trend 2013–2025"`, "Shekou News"}},
		{"/topics/economy", 200, "text/html", []string{"南山区地区生产总值", "9,501 亿元", "2016年：本数据集未收录", "来源：", "/topics/economy/charts/gdp.csv", "<script type=\"application/json\" id=\"opts-economy-gdp\">"}},
		{"/topics/innovation", 200, "text/html", []string{"研发投入强度：南山区、深圳市与全国", "7.66%", "2.69%", "6.67%"}},
		{"/topics/clusters", 200, "text/html", []string{"449.07 亿元", "298.46 亿元", "深圳市（不含南山区，推算）", "目标：至少100 亿元"}},
		{"/topics/funds", 200, "text/html", []string{"超1,000 亿元", "1,190 亿元", "2,847 个", "42 家", "61 只", "最高60 万元/人", "30-70 %", "来源：蛇口消息报（2025年3月26日）", "最高60万元/人"}},
		{"/topics/funds?lang=en", 200, "text/html", []string{"up to 60 (10 thousand yuan per person)", "up to 600,000 yuan per person", "Source: Shekou News (26 March 2025)"}},
		{"/topics/livelihood", 200, "text/html", []string{"304.87 亿元"}},
		{"/indicators", 200, "text/html", []string{"地区生产总值", "全社会研发投入占GDP比重", "/indicators/gdp"}},
		{"/indicators?q=R%26D&lang=en", 200, "text/html", []string{"R&amp;D expenditure as a share of GDP"}},
		{"/indicators?topic=funds", 200, "text/html", []string{"子基金"}},
		{"/indicators/gdp", 200, "text/html", []string{"9,501 亿元", "蛇口消息报", "2025年3月26日", "超6,500 亿元", "6,527 亿元", "较早版本", "按常住单位计算"}},
		{"/indicators/gdp?lang=en", 200, "text/html", []string{"950.1 billion yuan", "Shekou News", "26 March 2025", "earlier"}},
		{"/indicators/rd_intensity", 200, "text/html", []string{"2.68%", "2.69%", "初步数", "最终核实数"}},
		{"/indicators/hightech_enterprises", 200, "text/html", []string{"超5,500 家", "截至2025年3月26日", "data-copy=", "more than 5,500"}},
		{"/indicators/rd_intensity", 200, "text/html", []string{"据2025年3月26日报道，南山区全社会研发投入占GDP比重7.66%。（来源：蛇口消息报，2025年3月26日）"}},
		{"/indicators/hightech_enterprises?lang=en", 200, "text/html", []string{"As of 26 March 2025, Nanshan had more than 5,500 national high-tech enterprises (Shekou News, 26 March 2025)."}},
		{"/indicators/gdp.json", 200, "application/json", []string{"9501"}},
		{"/indicators.json", 200, "application/json", []string{"\"gdp\"", "\"name_zh\""}},
		{"/indicators/nope", 404, "text/html", []string{"nope"}},
		{"/topics/nope", 404, "text/html", []string{"economy"}},
		{"/topics/economy/charts/nope.csv", 404, "text/plain", []string{"nope"}},
		{"/indicators/gdp?from=20x4", 400, "text/html", []string{"from", "20x4"}},
		{"/indicators/gdp?region=atlantis", 400, "text/html", []string{"region", "atlantis"}},
		{"/indicators/gdp.json?transform=log", 400, "application/problem+json", []string{"transform", "level, change, pct_change, yoy_pct"}},
		{"/indicators?topic=sports", 400, "text/html", []string{"topic"}},
		{"/indicators/gdp?region=nanshan&transform=yoy_pct", 200, "text/html", []string{"同比变化率", "<td class=\"num\">8.03%</td>", "<th scope=\"row\">2016年</th><td class=\"num\">—</td>", `href="/indicators/gdp.csv?region=nanshan&amp;transform=yoy_pct"`}},
		{"/topics/economy?region=nanshan&from=2015", 200, "text/html", []string{`href="/topics/economy/charts/gdp.xlsx?from=2015&amp;region=nanshan"`}},
		{"/topics/economy?lang=fr", 400, "text/html", []string{"lang"}},
		{"/?transform=yoy_pct", 400, "text/html", []string{"transform"}},
		{"/healthz", 200, "text/plain", []string{"ok"}},
		{"/readyz", 200, "application/json", []string{"ready"}},
		{"/static/app.js", 200, "text/javascript", []string{"JSON.parse"}},
		{"/static/vendor/echarts/echarts.common.min.js", 200, "text/javascript", []string{"echarts"}},
	}
	for _, tt := range tests {
		status, ctype, body := get(t, base+tt.path)
		if status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, status, tt.status)
		}
		if !strings.HasPrefix(ctype, tt.ctype) {
			t.Errorf("%s: content type %q, want %s", tt.path, ctype, tt.ctype)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q", tt.path, w)
			}
		}
	}
}

func TestNoPageShowsAPlainQualifiedFigure(t *testing.T) {
	base := bundledServer(t)
	// "超5500家" must never appear as a bare 5,500 on a card or in a table.
	_, _, body := get(t, base+"/indicators/hightech_enterprises")
	for _, bad := range []string{">5,500 家<", ">5,500 家 <", "：5,500 家"} {
		if strings.Contains(body, bad) {
			t.Errorf("hightech_enterprises page shows %q without its qualifier", bad)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	base := bundledServer(t)
	resp, err := http.Get(base + "/topics/economy")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		d = strings.TrimSpace(d)
		name, value, _ := strings.Cut(d, " ")
		directives[name] = value
	}
	if directives["script-src"] != "'self'" || directives["default-src"] != "'self'" {
		t.Errorf("CSP script-src %q default-src %q, want 'self' only: %q", directives["script-src"], directives["default-src"], csp)
	}
	if !strings.Contains(csp, "frame-ancestors 'none'") || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("non-embed page may be framed: CSP %q, XFO %q", csp, resp.Header.Get("X-Frame-Options"))
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
}

func TestNoInlineScript(t *testing.T) {
	base := bundledServer(t)
	for _, path := range []string{"/", "/topics/economy", "/indicators/gdp", "/indicators"} {
		_, _, body := get(t, base+path)
		for _, chunk := range strings.Split(body, "<script")[1:] {
			tag := chunk[:strings.IndexByte(chunk, '>')]
			if !strings.Contains(tag, "src=") && !strings.Contains(tag, `type="application/json"`) {
				t.Errorf("%s: inline script <script%s>", path, tag)
			}
		}
		if strings.Contains(body, "http://") && strings.Contains(body, "<script src=\"http") {
			t.Errorf("%s loads a script from outside", path)
		}
	}
}

func TestHead(t *testing.T) {
	base := bundledServer(t)
	for _, path := range []string{"/healthz", "/", "/indicators/gdp.csv"} {
		resp, err := http.Head(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(b) != 0 {
			t.Errorf("HEAD %s: %d with %d body bytes", path, resp.StatusCode, len(b))
		}
	}
}

// The example district runs on the same binary with its own definition:
// its name, its topics in the nav, its charts, and nothing of the default
// district's.
func TestExampleDistrict(t *testing.T) {
	srv, _ := uiServer(t, uiSnapshot(t, "../examples/longgang"))
	_, _, home := get(t, srv.URL+"/")
	if !strings.Contains(home, "<title>概览 · 龙岗区经济数据</title>") {
		t.Errorf("title: %.300s", home)
	}
	nav := home[strings.Index(home, "<nav"):strings.Index(home, "</nav>")]
	for _, w := range []string{`href="/topics/economy">经济</a>`, `href="/topics/city">全市背景</a>`} {
		if !strings.Contains(nav, w) {
			t.Errorf("nav lacks %s: %s", w, nav)
		}
	}
	if strings.Contains(nav, "/topics/funds") || strings.Contains(home, "南山区经济数据") {
		t.Error("the example district shows the default district's topics or name")
	}
	_, _, economy := get(t, srv.URL+"/topics/economy")
	for _, id := range []string{"headline", "district_gdp", "growth"} {
		if !strings.Contains(economy, `id="chart-economy-`+id+`"`) {
			t.Errorf("/topics/economy lacks chart %s", id)
		}
	}
	if !strings.Contains(economy, `class="tiles"`) {
		t.Error("the headline chart is not drawn as tiles")
	}
	_, _, en := get(t, srv.URL+"/?lang=en")
	if !strings.Contains(en, "Longgang District statistics") {
		t.Error("English site name missing")
	}
	if status, _, _ := get(t, srv.URL+"/topics/funds"); status != 404 {
		t.Errorf("/topics/funds on the example district: %d, want 404", status)
	}
}

// The home region comes first in the indicator page's region switch, and
// the page opens with its latest figure before the sentences.
func TestIndicatorPageHomeFirst(t *testing.T) {
	base := bundledServer(t)
	_, _, body := get(t, base+"/indicators/gdp")
	sw := body[strings.Index(body, `class="region-switch"`):]
	if first := sw[strings.Index(sw, "<a "):]; !strings.HasPrefix(first, `<a href="/indicators/gdp?region=nanshan">`) {
		t.Errorf("region switch starts %.80s", first)
	}
	if l := body[strings.Index(body, `class="latest-figures"`):]; !strings.HasPrefix(l[strings.Index(l, "<li"):], `<li data-region="nanshan"`) {
		t.Errorf("latest figures start %.80s", l[strings.Index(l, "<li"):])
	}
	h, c, s := strings.Index(body, `class="headline-figure"`), strings.Index(body, `id="chart-indicator-gdp"`), strings.Index(body, `class="latest"`)
	if h < 0 || !(h < c && c < s) {
		t.Errorf("headline at %d, chart at %d, sentences at %d: want that order", h, c, s)
	}
}

// A chart drawn from from= with a transform draws its first period's change
// from the period before, as its data twin and the API do (issue 10: one
// answer per question): GDP's 2021 change is 1,103.59 亿元 on every surface.
func TestChartsDrawTheTwinsChanges(t *testing.T) {
	base := bundledServer(t)
	for _, path := range []string{"/topics/economy?transform=change&from=2021", "/indicators/gdp?region=nanshan&transform=change&from=2021"} {
		status, _, body := get(t, base+path)
		if status != 200 || !strings.Contains(body, "1,103.59") {
			t.Errorf("%s: status %d; the drawn table lacks 2021's change 1,103.59", path, status)
		}
	}
}
