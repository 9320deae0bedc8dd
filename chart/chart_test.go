package chart_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/chart"
	"districtstats/figure"
	"districtstats/ingest"
	"districtstats/queries"
	"districtstats/site"
	"districtstats/transform"
)

// snapshot is a real snapshot built from the bundled data/, with the
// definition and catalog read back from it as a server reads them.
type snapshot struct {
	db   *sql.DB
	def  *site.Definition
	inds map[string]*queries.Indicator
	regs map[string]*queries.Region
}

func (s *snapshot) Indicator(id string) (*queries.Indicator, bool) { i, ok := s.inds[id]; return i, ok }
func (s *snapshot) indicators(id string) *queries.Indicator        { return s.inds[id] }
func (s *snapshot) Region(id string) (*queries.Region, bool)       { r, ok := s.regs[id]; return r, ok }

var (
	once    sync.Once
	shared  *snapshot
	example *snapshot // the example district of examples/longgang
	setErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "chart-test-")
	if err != nil {
		panic(err)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		once.Do(func() {
			if shared, setErr = open(dir, "../data"); setErr == nil {
				example, setErr = open(dir, "../examples/longgang")
			}
		})
		return m.Run()
	}()
	os.Exit(code)
}

func open(tmp, data string) (*snapshot, error) {
	path := filepath.Join(tmp, filepath.Base(data)+".duckdb")
	if _, err := ingest.Build(context.Background(), data, path); err != nil {
		return nil, err
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	s := &snapshot{db: db, inds: map[string]*queries.Indicator{}, regs: map[string]*queries.Region{}}
	if s.def, err = queries.DashboardDefinition(ctx, db); err != nil {
		return nil, err
	}
	inds, err := queries.Indicators(ctx, db)
	if err != nil {
		return nil, err
	}
	for i := range inds {
		s.inds[inds[i].ID] = &inds[i]
	}
	regs, err := queries.Regions(ctx, db)
	if err != nil {
		return nil, err
	}
	for i := range regs {
		s.regs[regs[i].ID] = &regs[i]
	}
	return s, nil
}

// draw builds a chart of the bundled definition as a page would.
func draw(t *testing.T, topic, id string, lang figure.Lang, tr string) (*chart.Chart, map[string]any) {
	t.Helper()
	return drawFrom(t, shared, topic, id, lang, tr)
}

func drawFrom(t *testing.T, s *snapshot, topic, id string, lang figure.Lang, tr string) (*chart.Chart, map[string]any) {
	t.Helper()
	if setErr != nil {
		t.Fatal(setErr)
	}
	c, ok := s.def.Chart(topic, id)
	if !ok {
		t.Fatalf("no chart %s/%s", topic, id)
	}
	regions := s.def.ChartRegions(c)
	obs, err := queries.Observations(context.Background(), s.db, chart.Filter(s.def, c))
	if err != nil {
		t.Fatal(err)
	}
	var derived []transform.Row
	if tr != "" {
		if derived, err = transform.Select(context.Background(), s.db, chart.Filter(s.def, c), tr, s.indicators); err != nil {
			t.Fatal(err)
		}
	}
	ch := chart.Build(s, chart.Request{Chart: c, Regions: regions, Home: s.def.Site.HomeRegion, Lang: lang, Transform: tr, Derived: derived}, obs)
	var opt map[string]any
	if ch.Option != nil {
		// Tests read the option as the browser does: as JSON.
		raw, err := json.Marshal(ch.Option)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &opt); err != nil {
			t.Fatal(err)
		}
	}
	return ch, opt
}

// at walks a JSON value: at(opt, "series", 0, "data", 3, "value"). As
// ECharts reads a data item, a bare value (a number, or "-" for a gap) is
// the item's "value".
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, isMap := v.(map[string]any)
			if !isMap && k == "value" {
				continue // a bare value is its own value
			}
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func index(list any, want string) int {
	l, _ := list.([]any)
	for i, x := range l {
		if x == want {
			return i
		}
	}
	return -1
}

func hasNote(c *chart.Chart, part string) bool {
	for _, n := range c.Notes {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}

// Every chart of the bundled definition draws in both languages, with a
// table and at least one source.
func TestEveryBundledChartDraws(t *testing.T) {
	for _, tp := range shared.def.Topics {
		for _, c := range tp.Charts {
			for _, lang := range []figure.Lang{figure.Zh, figure.En} {
				ch, opt := draw(t, tp.ID, c.ID, lang, "")
				if len(ch.Table.Rows) == 0 || len(ch.Sources) == 0 || len(ch.Drawn) == 0 {
					t.Errorf("%s/%s %s: %d rows, %d sources, %d drawn", tp.ID, c.ID, lang, len(ch.Table.Rows), len(ch.Sources), len(ch.Drawn))
				}
				if (c.Kind == site.Tiles) != (opt == nil) {
					t.Errorf("%s/%s: kind %s, option %v", tp.ID, c.ID, c.Kind, opt != nil)
				}
			}
		}
	}
}

// A missing year stays a gap ("-"), and the latest vintage is drawn.
func TestTimeSeriesGapAndVintage(t *testing.T) {
	ch, opt := draw(t, "economy", "gdp", figure.Zh, "")
	cats := at(opt, "xAxis", 0, "data")
	i2016, i2020 := index(cats, "2016年"), index(cats, "2020年")
	if i2016 < 0 || i2020 < 0 {
		t.Fatalf("categories = %v", cats)
	}
	if v := at(opt, "series", 0, "data", i2016, "value"); v != "-" {
		t.Errorf("2016 = %v, want a gap", v)
	}
	if v := at(opt, "series", 0, "data", i2020, "value"); v != 6527.0 {
		t.Errorf("2020 = %v, want the latest vintage 6527", v)
	}
	if !hasNote(ch, "2016年：本数据集未收录") {
		t.Errorf("notes = %v", ch.Notes)
	}
	if at(opt, "yAxis", 0, "name") != "亿元" {
		t.Errorf("y axis = %v", at(opt, "yAxis", 0))
	}
}

// Qualified figures carry their qualifier in the chart itself.
func TestQualifierLabels(t *testing.T) {
	_, opt := draw(t, "economy", "gdp", figure.Zh, "")
	cats := at(opt, "xAxis", 0, "data")
	i2025 := index(cats, "2025年")
	if got := at(opt, "series", 0, "data", i2025, "label", "formatter"); got != "超10,100" {
		t.Errorf("2025 label = %v, want 超10,100", got)
	}
	if got := at(opt, "series", 0, "data", i2025, "itemStyle", "opacity"); got != 0.55 {
		t.Errorf("2025 opacity = %v", got)
	}
	// The article gives no year for 9501: drawn at 2024, marked inferred.
	if got := at(opt, "series", 0, "data", index(cats, "2024年（推断）"), "label"); got != nil {
		t.Errorf("an exact figure got a label: %v", got)
	}
	_, opt = draw(t, "economy", "industry_structure", figure.Zh, "")
	if got := at(opt, "series", 0, "data", 0, "label", "formatter"); got != "约30%" {
		t.Errorf("composition label = %v, want 约30%%", got)
	}
	_, opt = draw(t, "economy", "gdp", figure.En, "")
	if got := at(opt, "series", 0, "data", i2025, "label", "formatter"); got != "more than 1,010" {
		t.Errorf("English label = %v, want more than 1,010 (billion yuan)", got)
	}
}

// A point that is only its figure is written as the bare value, which
// ECharts reads as {"value": v}; a point with anything more (a qualifier's
// label, a hollow symbol, a colour) stays an object. Line series set their
// filled circle once.
func TestBarePoints(t *testing.T) {
	_, opt := draw(t, "economy", "gdp", figure.Zh, "")
	cats := at(opt, "xAxis", 0, "data")
	if v, ok := at(opt, "series", 0, "data", index(cats, "2020年")).(float64); !ok || v != 6527 {
		t.Errorf("an exact bar point is %#v, want the bare number 6527", at(opt, "series", 0, "data", index(cats, "2020年")))
	}
	if v := at(opt, "series", 0, "data", index(cats, "2016年")); v != "-" {
		t.Errorf("a gap is %#v, want the bare \"-\"", v)
	}
	if _, ok := at(opt, "series", 0, "data", index(cats, "2025年")).(map[string]any); !ok {
		t.Error("a qualified bar point lost its object (label and paleness)")
	}
	_, opt = draw(t, "innovation", "rd_intensity", figure.Zh, "")
	if at(opt, "series", 0, "symbol") != "circle" || at(opt, "series", 0, "symbolSize") != 8.0 {
		t.Errorf("line series symbol %v size %v, want circle 8", at(opt, "series", 0, "symbol"), at(opt, "series", 0, "symbolSize"))
	}
	for _, s := range at(opt, "series").([]any) {
		for _, d := range at(s, "data").([]any) {
			if _, ok := d.(map[string]any); ok {
				t.Errorf("an exact line point is an object: %v", d) // R&D intensity has only exact figures
			}
		}
	}
}

// English axes say amounts as the English text does: billion yuan, with
// the values moved by exactly one decimal place.
func TestEnglishUnits(t *testing.T) {
	_, opt := draw(t, "economy", "gdp", figure.En, "")
	if at(opt, "yAxis", 0, "name") != "billion yuan" {
		t.Errorf("y axis = %v", at(opt, "yAxis", 0))
	}
	cats := at(opt, "xAxis", 0, "data")
	if v := at(opt, "series", 0, "data", index(cats, "2013"), "value"); v != 320.657 {
		t.Errorf("2013 = %v, want 320.657", v)
	}
	_, opt = draw(t, "economy", "gdp_growth", figure.En, "")
	if at(opt, "yAxis", 0, "name") != "%" {
		t.Errorf("growth axis = %v", at(opt, "yAxis", 0, "name"))
	}
}

// The home region comes first, in the highlight colour; others are muted.
func TestHomeRegionFirstAndHighlighted(t *testing.T) {
	_, opt := draw(t, "innovation", "rd_intensity", figure.Zh, "")
	if at(opt, "series", 0, "name") != "南山区" || at(opt, "series", 0, "itemStyle", "color") != chart.HomeColour {
		t.Errorf("first series = %v %v", at(opt, "series", 0, "name"), at(opt, "series", 0, "itemStyle"))
	}
	if at(opt, "series", 0, "lineStyle", "width") != 3.0 {
		t.Errorf("home line = %v", at(opt, "series", 0, "lineStyle"))
	}
	for i := 1; i < 3; i++ {
		if c := at(opt, "series", i, "itemStyle", "color"); c == chart.HomeColour || c == nil {
			t.Errorf("series %d (%v) colour %v", i, at(opt, "series", i, "name"), c)
		}
	}
	if at(opt, "series", 1, "itemStyle", "color") == at(opt, "series", 2, "itemStyle", "color") {
		t.Error("two muted series share a colour")
	}
	if at(opt, "series", 1, "name") != "深圳市" || at(opt, "series", 2, "name") != "全国" {
		t.Errorf("series order = %v, %v; want the definition's order after the home region", at(opt, "series", 1, "name"), at(opt, "series", 2, "name"))
	}
}

// Regions are compared within one period: the home region first and
// highlighted, the others from the largest down, muted.
func TestCompareOnePeriod(t *testing.T) {
	ch, opt := draw(t, "economy", "district_gdp", figure.Zh, "")
	cats, _ := at(opt, "xAxis", 0, "data").([]any)
	if len(cats) < 2 || cats[0] != "南山区" {
		t.Fatalf("categories = %v", cats)
	}
	if len(at(opt, "series").([]any)) != 1 {
		t.Errorf("%d series, want one period", len(at(opt, "series").([]any)))
	}
	if at(opt, "series", 0, "data", 0, "itemStyle", "color") != chart.HomeColour || at(opt, "series", 0, "data", 1, "itemStyle", "color") == chart.HomeColour {
		t.Errorf("colours = %v / %v", at(opt, "series", 0, "data", 0, "itemStyle"), at(opt, "series", 0, "data", 1, "itemStyle"))
	}
	prev := 1e18
	for i := 1; i < len(cats); i++ {
		v, _ := at(opt, "series", 0, "data", i, "value").(float64)
		if v > prev {
			t.Errorf("other regions not from the largest down: %v", cats)
		}
		prev = v
	}
	if !hasNote(ch, "只比较同一时期") {
		t.Errorf("notes = %v", ch.Notes)
	}
}

// The rest of the parent is computed exactly from two exact figures and
// labelled as computed; both published figures are cited.
func TestHomeVsRest(t *testing.T) {
	ch, opt := draw(t, "clusters", "ai_cluster_value_added", figure.Zh, "")
	if at(opt, "series", 1, "data", 0, "value") != 298.46 {
		t.Errorf("rest = %v, want 747.53 − 449.07 = 298.46", at(opt, "series", 1, "data", 0, "value"))
	}
	if name, _ := at(opt, "series", 1, "name").(string); !strings.Contains(name, "不含南山区") || !strings.Contains(name, "推算") {
		t.Errorf("rest series = %q", name)
	}
	if at(opt, "yAxis", 0, "type") != "category" || at(opt, "xAxis", 0, "name") != "亿元" {
		t.Errorf("axes = %v / %v", at(opt, "xAxis"), at(opt, "yAxis"))
	}
	// The unit sits under a horizontal chart's axis: the legend goes above.
	if at(opt, "legend", "top") != "0" || at(opt, "legend", "bottom") != nil {
		t.Errorf("legend = %v, want it above the plot, clear of the unit", at(opt, "legend"))
	}
	if ch.Table.Rows[0][2] != "298.46 亿元（推算）" {
		t.Errorf("table = %v", ch.Table.Rows)
	}
	var regions []string
	for _, o := range ch.Drawn {
		regions = append(regions, o.Region)
	}
	if strings.Join(regions, ",") != "nanshan,shenzhen" {
		t.Errorf("drawn = %v: both published figures must be cited", regions)
	}
	if !hasNote(ch, "深圳市 747.53 亿元 − 南山区 449.07 亿元 = 298.46 亿元") {
		t.Errorf("notes = %v", ch.Notes)
	}
}

// Stand-alone figures are tiles: no shared axis; a target is labelled.
func TestTiles(t *testing.T) {
	ch, opt := draw(t, "economy", "key_shares", figure.Zh, "")
	if opt != nil || len(ch.Tiles) != 3 {
		t.Fatalf("option %v, %d tiles", opt != nil, len(ch.Tiles))
	}
	if tl := ch.Tiles[0]; tl.Indicator != "strategic_emerging_share" || tl.Value != "超50%" || !tl.Qualified || !tl.Home {
		t.Errorf("first tile = %+v", tl)
	}
	// The year is inferred: said once, in one pair of brackets.
	if want := "战略性新兴产业占GDP比重（2024年，推断：来源未注明年份）"; ch.Tiles[0].Label != want {
		t.Errorf("first tile's label %q, want %q", ch.Tiles[0].Label, want)
	}
	ch, _ = draw(t, "clusters", "robotics_target", figure.En, "")
	if len(ch.Tiles) != 1 || !ch.Tiles[0].Target || ch.Tiles[0].Value != "target: at least 10 billion yuan" {
		t.Errorf("robotics tiles = %+v", ch.Tiles)
	}
	ch, _ = draw(t, "clusters", "robotics_target", figure.Zh, "")
	if len(ch.Tiles) != 1 || ch.Tiles[0].Value != "目标：至少100亿元" {
		t.Errorf("robotics tiles (zh) = %+v", ch.Tiles)
	}
	ch, _ = draw(t, "funds", "guidance_fund_counts", figure.Zh, "")
	if len(ch.Tiles) != 3 || !hasNote(ch, "单位或基数不同") {
		t.Errorf("fund counts: %+v %v", ch.Tiles, ch.Notes)
	}
}

// A transform draws changes on time series and leaves other kinds at
// their published figures, saying so.
func TestTransform(t *testing.T) {
	ch, opt := draw(t, "economy", "gdp", figure.Zh, "yoy_pct")
	if !strings.Contains(ch.Title, "同比变化率") || at(opt, "yAxis", 0, "name") != "%" {
		t.Errorf("title %q axis %v", ch.Title, at(opt, "yAxis", 0, "name"))
	}
	ch, _ = draw(t, "clusters", "ai_cluster_value_added", figure.Zh, "yoy_pct")
	if !hasNote(ch, "变换只用于时间序列图") {
		t.Errorf("notes = %v", ch.Notes)
	}
}

func TestSourceLines(t *testing.T) {
	ch, _ := draw(t, "economy", "gdp", figure.En, "")
	if n := len(ch.Sources); n < 5 || ch.SourceCount(figure.En) != strings.TrimSpace(strings.Split(ch.SourceCount(figure.En), " ")[0])+" sources" {
		t.Errorf("%d sources, count %q", n, ch.SourceCount(figure.En))
	}
	if !strings.HasPrefix(ch.SourceLine(figure.En), "Source: ") || ch.Published() != ch.Sources[0].Published {
		t.Errorf("source line %q, published %q", ch.SourceLine(figure.En), ch.Published())
	}
	for i := 1; i < len(ch.Sources); i++ {
		if ch.Sources[i].Published > ch.Sources[i-1].Published {
			t.Errorf("sources not newest first: %v", ch.Sources)
		}
	}
}

// The example district draws with its own home region highlighted, from
// its own definition, with no Go of its own.
func TestExampleDistrictCharts(t *testing.T) {
	if setErr != nil {
		t.Fatal(setErr)
	}
	for _, tp := range example.def.Topics {
		for _, c := range tp.Charts {
			ch, opt := drawFrom(t, example, tp.ID, c.ID, figure.Zh, "")
			if len(ch.Table.Rows) == 0 || len(ch.Sources) == 0 {
				t.Errorf("%s/%s: %d rows, %d sources", tp.ID, c.ID, len(ch.Table.Rows), len(ch.Sources))
			}
			_ = opt
		}
	}
	_, opt := drawFrom(t, example, "economy", "district_gdp", figure.Zh, "")
	if at(opt, "xAxis", 0, "data", 0) != "龙岗区" || at(opt, "series", 0, "data", 0, "itemStyle", "color") != chart.HomeColour {
		t.Errorf("compare: first %v colour %v", at(opt, "xAxis", 0, "data", 0), at(opt, "series", 0, "data", 0, "itemStyle", "color"))
	}
	_, opt = drawFrom(t, example, "economy", "growth", figure.Zh, "")
	if at(opt, "series", 0, "name") != "龙岗区" || at(opt, "series", 0, "itemStyle", "color") != chart.HomeColour {
		t.Errorf("growth: first series %v", at(opt, "series", 0))
	}
	ch, opt := drawFrom(t, example, "city", "shenzhen_gdp", figure.Zh, "")
	cats := at(opt, "xAxis", 0, "data")
	if index(cats, "2019年") != 0 {
		t.Errorf("from: 2019 not applied: %v", cats)
	}
	if index(cats, "2020年") < 0 || at(opt, "series", 0, "data", index(cats, "2020年"), "value") != "-" || !hasNote(ch, "约数") {
		t.Errorf("shenzhen gdp: %v %v", cats, ch.Notes)
	}
}

// A chart's period range and group become the query's filter.
func TestFilter(t *testing.T) {
	d := &site.Definition{Groups: []site.Group{{ID: "g", Regions: []string{"a", "b"}}}}
	f := chart.Filter(d, &site.Chart{Indicators: []string{"gdp"}, Group: "g", From: "2022", To: "2023H1"})
	if f.From.Format("2006-01-02") != "2022-01-01" || f.To.Format("2006-01-02") != "2023-06-30" || !f.LatestOnly || strings.Join(f.Regions, ",") != "a,b" {
		t.Errorf("filter = %+v", f)
	}
}

func TestForIndicator(t *testing.T) {
	pct := &queries.Indicator{ID: "rd_intensity", Unit: "percent"}
	yuan := &queries.Indicator{ID: "robotics_cluster_size", Unit: "yi_yuan"}
	target := []queries.Observation{{Status: "target"}}
	for _, tc := range []struct {
		ind  *queries.Indicator
		obs  []queries.Observation
		want string
	}{
		{pct, []queries.Observation{{Status: "final"}}, site.Line},
		{yuan, []queries.Observation{{Status: "unknown"}}, site.Bar},
		{yuan, target, site.Tiles},
		{yuan, append(target, queries.Observation{Status: "unknown"}), site.Bar},
	} {
		if got := chart.ForIndicator(tc.ind, []string{"nanshan"}, tc.obs).Kind; got != tc.want {
			t.Errorf("%s %v: kind %s, want %s", tc.ind.ID, tc.obs, got, tc.want)
		}
	}
}

// Large Chinese counts read in 万, in the chart's labels and tiles alike.
func TestLargeCountsInWan(t *testing.T) {
	if setErr != nil {
		t.Fatal(setErr)
	}
	s := shared
	for _, kind := range []string{site.Bar, site.Tiles} {
		c := &site.Chart{ID: "x", Kind: kind, Indicators: []string{"market_entities"}, Regions: []string{"nanshan"}}
		obs, err := queries.Observations(context.Background(), s.db, chart.Filter(s.def, c))
		if err != nil || len(obs) == 0 {
			t.Fatalf("market_entities: %d, %v", len(obs), err)
		}
		ch := chart.Build(s, chart.Request{Chart: c, Regions: c.Regions, Home: "nanshan", Lang: figure.Zh}, obs)
		if kind == site.Tiles {
			if ch.Tiles[0].Value != "超60万家" {
				t.Errorf("tile = %q, want 超60万家", ch.Tiles[0].Value)
			}
			continue
		}
		raw, _ := json.Marshal(ch.Option)
		if !strings.Contains(string(raw), `"formatter":"超60万"`) {
			t.Errorf("bar label: %s", raw)
		}
	}
}

// A nominal rate computed from current-price levels is drawn beside the
// real growth its office publishes, and the note says which is which.
func TestBesideRealGrowth(t *testing.T) {
	if setErr != nil {
		t.Fatal(setErr)
	}
	s := shared
	c := &site.Chart{ID: "gdp", Kind: site.Line, Indicators: []string{"gdp"}, Regions: []string{"nanshan"}}
	obs, err := queries.Observations(context.Background(), s.db, chart.Filter(s.def, c))
	if err != nil {
		t.Fatal(err)
	}
	real, err := queries.Observations(context.Background(), s.db, queries.Filter{Indicators: []string{"gdp_growth"}, Regions: []string{"nanshan"}, LatestOnly: true})
	if err != nil || len(real) == 0 {
		t.Fatalf("gdp_growth: %d figures, %v", len(real), err)
	}
	derived, err := transform.Select(context.Background(), s.db, chart.Filter(s.def, c), "yoy_pct", s.indicators)
	if err != nil {
		t.Fatal(err)
	}
	ch := chart.Build(s, chart.Request{Chart: c, Regions: c.Regions, Home: "nanshan", Lang: figure.Zh, Transform: "yoy_pct", Derived: derived, Beside: real}, obs)
	if !hasNote(ch, "名义增速由现价地区生产总值计算") {
		t.Errorf("notes = %v", ch.Notes)
	}
	if len(ch.Table.Head) != 3 || !strings.Contains(strings.Join(ch.Table.Head, "|"), "地区生产总值增速") {
		t.Errorf("table head = %v, want the transformed series and the published real growth", ch.Table.Head)
	}
	// Without a transform nothing is added.
	ch = chart.Build(s, chart.Request{Chart: c, Regions: c.Regions, Home: "nanshan", Lang: figure.Zh, Beside: real}, obs)
	if len(ch.Table.Head) != 2 || hasNote(ch, "名义增速") {
		t.Errorf("level chart: head %v notes %v", ch.Table.Head, ch.Notes)
	}
}

// A chart drawn from from= on draws the change of its first period from
// the period before, as its data twin does: the chart draws the rows
// transform.Select derived and never derives its own.
func TestTransformFromDrawsFirstChange(t *testing.T) {
	s := shared
	c := &site.Chart{ID: "gdp", Kind: site.Bar, Indicators: []string{"gdp"}, Regions: []string{"nanshan"}}
	f := chart.Filter(s.def, c)
	f.From = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	f.LatestOnly = true
	obs, err := queries.Observations(context.Background(), s.db, f)
	if err != nil {
		t.Fatal(err)
	}
	derived, err := transform.Select(context.Background(), s.db, f, "change", s.indicators)
	if err != nil {
		t.Fatal(err)
	}
	ch := chart.Build(s, chart.Request{Chart: c, Regions: c.Regions, Home: "nanshan", Lang: figure.Zh, Transform: "change", Derived: derived}, obs)
	if len(ch.Table.Rows) == 0 || !strings.HasPrefix(ch.Table.Rows[0][0], "2021") || !strings.Contains(strings.Join(ch.Table.Rows[0], "|"), "1,103.59") {
		t.Errorf("first row %v, want 2021 with the change from 2020 (1,103.59)", ch.Table.Rows)
	}
}
