// Package chart turns a chart of the dashboard definition (package site)
// and the figures it draws into what a page shows: an ECharts option built
// with go-echarts (data only, never go-echarts' own page), the labels of
// every point, the table of exactly the drawn numbers, tiles for
// stand-alone figures, notes and sources. It knows nothing of HTTP: the
// server, embeds and image exports all draw through Build.
package chart

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
	"districtstats/site"
	"districtstats/transform"
)

// Catalog gives the names and units of ids: the snapshot's id -> row lookup.
type Catalog interface {
	Indicator(id string) (*queries.Indicator, bool)
	Region(id string) (*queries.Region, bool)
}

// Request is one chart to draw.
type Request struct {
	Chart     *site.Chart
	Regions   []string // the regions drawn, in the definition's order (site.Definition.ChartRegions)
	Home      string   // the home region: highlighted and first
	Lang      figure.Lang
	Transform string // "" or "level" draws published figures; line and bar charts also draw changes
	// Derived are the changes transform.Select gave for the chart's filter
	// (its data twin's rows, the base period before from= included): what a
	// line or bar chart draws when Transform is not level. The chart never
	// derives changes itself, so it cannot disagree with its twin.
	Derived []transform.Row
	// Beside are published rates drawn as they are beside a transformed
	// series: the real growth its office publishes beside a nominal rate
	// computed from current-price levels (indicators.csv real_growth).
	Beside []queries.Observation
}

// Chart is a drawn chart.
type Chart struct {
	Kind    string
	Title   string
	Unit    string         // the value axis' unit as shown; "" for tiles of several units
	Option  map[string]any // the ECharts option, as JSON-ready maps; nil for tiles
	Labels  [][]string     // per series and point: the full figure, for tooltips
	Tiles   []Tile         // kind tiles only
	Table   Table          // exactly the drawn numbers
	Notes   []string       // gaps, computed values, targets, the definition's note
	Sources []Source       // of the drawn figures, newest first
	Drawn   []*queries.Observation
}

// Tile is one stand-alone figure: a value, a target, or one of several
// figures of different units or bases.
type Tile struct {
	Indicator, Region, Period string
	Label                     string // indicator (and region when several) with the period
	Value                     string // the whole figure: 超5,500 家, about 30%
	Status                    string // as a word, "" when the source does not say
	Target                    bool   // a goal, not an observation: drawn hollow
	Qualified                 bool   // about, more than, nearly…: not an exact figure
	Home                      bool
}

// Table is the accessible table under a chart.
type Table struct {
	Head []string
	Rows [][]string
}

// Source is one publication among the drawn figures.
type Source struct {
	ID, Publisher, Published string // Published as written; may be partial or empty
}

// Colours: the home region has one strong colour on every chart; other
// regions are muted but still told apart. Targets are outlined, never filled.
const (
	HomeColour   = "#1f5fa8"
	TargetColour = "#c23531"
)

var (
	mutedColours = []string{"#9aa7b4", "#c2a77f", "#8fb08a", "#b48fa6", "#a3a3a3", "#7fb0b8", "#c79a8f", "#a6a07c", "#8e9cc2", "#b8b8a0"}
	homeShades   = []string{HomeColour, "#7fa7d6", "#0f3a6b", "#b9cfe9"} // several series of the home region alone
)

// Build draws one chart. obs are the figures the chart's filter selected
// (latest vintages), in the queries' order.
func Build(cat Catalog, req Request, obs []queries.Observation) *Chart {
	b := &builder{cat: cat, req: req, lang: req.Lang}
	c := &Chart{Kind: req.Chart.Kind, Title: b.t(req.Chart.TitleZh, req.Chart.TitleEn)}
	if len(req.Chart.Indicators) > 0 {
		if ind, ok := cat.Indicator(req.Chart.Indicators[0]); ok {
			b.unit = unitOf(ind)
		}
	}
	drawn := published(obs)
	if req.Transform != "" && req.Transform != transform.Level {
		if req.Chart.Kind == site.Line || req.Chart.Kind == site.Bar {
			drawn = b.transformed(c, req.Derived, req.Transform)
			drawn = b.beside(drawn, published(req.Beside))
		} else {
			b.notes = append(b.notes, b.t("变换只用于时间序列图；此图显示已发布的数字。", "Transforms apply to time series only; this chart shows the published figures."))
		}
	}
	if len(drawn) == 0 {
		b.notes = append(b.notes, b.t("所选范围内没有数据。", "No figures in the selected range."))
	}
	switch req.Chart.Kind {
	case site.Line, site.Bar:
		b.timeSeries(drawn, req.Chart.Kind)
	case site.Composition:
		b.timeSeries(drawn, "stacked")
	case site.Compare:
		b.compare(drawn)
	case site.HomeVsRest:
		b.homeVsRest(drawn)
	case site.Tiles:
		b.tiles(c, drawn)
	}
	if c.Unit == "" && req.Chart.Kind != site.Tiles {
		c.Unit = b.axisUnit()
	}
	if req.Chart.Kind != site.Tiles {
		b.option(c)
	}
	b.table(c)
	b.sources(c)
	c.Notes = append(c.Notes, b.notes...)
	if n := b.t(req.Chart.NoteZh, req.Chart.NoteEn); n != "" {
		c.Notes = append(c.Notes, n)
	}
	return c
}

// published keeps the latest vintage of each figure: a chart draws one
// figure per indicator, region and period.
// Charts ask for latest vintages only, so obs is usually kept as it is
// (read only): copying thousands of figures at 10M was a chart's main cost.
func published(obs []queries.Observation) []queries.Observation {
	n := 0
	for i := range obs {
		if obs[i].Latest {
			n++
		}
	}
	if n == len(obs) {
		return obs[:n:n]
	}
	out := make([]queries.Observation, 0, n)
	for i := range obs {
		if obs[i].Latest {
			out = append(out, obs[i])
		}
	}
	return out
}

// point is one drawn figure.
type point struct {
	obs      *queries.Observation
	target   bool
	computed bool // not published: derived from published figures (rest of a parent)
}

// series is one line or set of bars.
type series struct {
	name   string
	region string
	points []*point // aligned with the categories; nil = gap
}

type builder struct {
	cat        Catalog
	req        Request
	lang       figure.Lang
	unit       figure.Unit
	derived    *figure.Unit // the unit of transformed values
	categories []string
	catKeys    []string // period per category; "" when categories are not periods
	series     []series
	kind       string // line | bar | stacked
	horizontal bool
	notes      []string
	perPoint   bool                   // colour each bar by its region (compare)
	inputs     []*queries.Observation // published figures drawn only through a computed value
}

func (b *builder) t(zh, en string) string {
	if b.lang == figure.En {
		return en
	}
	return zh
}

func unitOf(ind *queries.Indicator) figure.Unit {
	return figure.Unit{Code: ind.Unit, Zh: ind.UnitZh, En: ind.UnitEn}
}

func (b *builder) regionName(id string) string {
	if r, ok := b.cat.Region(id); ok {
		return b.t(r.NameZh, r.NameEn)
	}
	return id
}

func (b *builder) indicatorName(id string) string {
	if ind, ok := b.cat.Indicator(id); ok {
		return b.t(ind.NameZh, ind.NameEn)
	}
	return id
}

// axisUnit is the value axis' unit, in the words the page uses: English
// amounts in 亿元 are drawn in billion yuan, as the English text says them.
func (b *builder) axisUnit() string {
	u := b.unit
	if b.derived != nil {
		u = *b.derived
	}
	if b.lang == figure.En {
		if u.Code == "yi_yuan" {
			return "billion yuan"
		}
		return u.En
	}
	return u.Zh
}

// plotValue is the number drawn on the axis: exact decimal shifts only.
func (b *builder) plotValue(p *point) float64 {
	v := p.obs.Value
	if b.derived != nil {
		return figure.Round(v, 2)
	}
	if b.lang == figure.En && b.unit.Code == "yi_yuan" {
		f, _ := strconv.ParseFloat(figure.Shift(figure.Digits(v), -1), 64)
		return f
	}
	return v
}

// label is a point's full text: "超6,500 亿元（初步数）".
func (b *builder) label(p *point) string {
	if p == nil {
		return b.t("无数据", "no data")
	}
	u := b.unit
	if ind, ok := b.cat.Indicator(p.obs.Indicator); ok {
		u = unitOf(ind)
	}
	v := p.obs.Value
	if b.derived != nil {
		u, v = *b.derived, figure.Round(v, 2)
	}
	s := figure.Value(v, p.obs.Qualifier, u, b.lang)
	switch {
	case p.target:
		s = b.t("目标：", "target: ") + s
	case p.computed:
		s += b.t("（推算）", " (computed)")
	default:
		if st := figure.Status(p.obs.Status, b.lang); st != "" {
			s += " (" + st + ")"
		}
	}
	return s
}

// shortLabel is the value label drawn beside a qualified point: the
// qualifier and the number as the axis reads it, "超5,500", "约30%"; Chinese
// counts of ten thousand or more in 万 ("超60万").
func (b *builder) shortLabel(p *point) string {
	n := figure.Number(b.plotValue(p))
	if b.lang == figure.Zh && b.derived == nil && b.unit.Code == "count" {
		n = press.ZhAmount(p.obs.Value, figure.Unit{Code: "count"}) // 超60万, as Chinese readers count
	}
	if (b.derived == nil && b.unit.Code == "percent") || (b.derived != nil && b.derived.Code == "percent") {
		n += "%"
	}
	return figure.QualifierPrefix(p.obs.Qualifier, b.lang) + n
}

// transformed draws the changes transform derived; a gap, or a change
// from a bound such as "more than", has no value: a gap.
func (b *builder) transformed(c *Chart, rows []transform.Row, t string) []queries.Observation {
	// Units and labels are transform's, the one list every surface uses.
	rate := transform.Row{Unit: "percent"}
	unit := rate.UnitOf(b.unit)
	var out []queries.Observation
	var first *queries.Indicator
	for _, r := range rows {
		if r.Null {
			continue
		}
		unit = r.UnitOf(b.unit)
		if first == nil {
			first, _ = b.cat.Indicator(r.Indicator)
		}
		out = append(out, r.Observation)
	}
	b.derived = &unit
	nominal := transform.Nominal(first)
	c.Title += b.t("（"+transform.Name(t, nominal, figure.Zh)+"）", " ("+transform.Name(t, nominal, figure.En)+")")
	b.notes = append(b.notes, b.t("变换值由已发布数字计算，图表保留两位小数，下载文件为全精度；缺失年份或“超”“近”等区间数无法计算，留空。",
		"Transformed values are computed from published figures, shown to two decimals (downloads keep full precision); a gap, or a bound such as “more than”, gives no value."))
	return out
}

// beside adds published rates to transformed ones, saying which is which.
func (b *builder) beside(drawn, rates []queries.Observation) []queries.Observation {
	var n int
	for _, o := range rates {
		if o.Status != "target" {
			drawn = append(drawn, o)
			n++
		}
	}
	if n == 0 {
		return drawn
	}
	ind, _ := b.cat.Indicator(b.req.Chart.Indicators[0])
	real, _ := b.cat.Indicator(rates[0].Indicator)
	if ind != nil && real != nil {
		b.notes = append(b.notes, b.t(
			"名义增速由现价"+ind.NameZh+"计算，含价格变动；"+real.NameZh+"是按可比价格公布的实际增速，一并列出以便对照。",
			"Nominal growth is computed from "+ind.NameEn+" at current prices and includes price changes; "+real.NameEn+" is the real growth as published, shown beside it."))
	}
	return drawn
}

// regionRank orders regions: the home region first, then as the
// definition lists them.
func (b *builder) regionRank(id string) int {
	if id == b.req.Home {
		return -1
	}
	for i, r := range b.req.Regions {
		if r == id {
			return i
		}
	}
	return len(b.req.Regions)
}

func (b *builder) indicatorRank(id string) int {
	for i, x := range b.req.Chart.Indicators {
		if x == id {
			return i
		}
	}
	return len(b.req.Chart.Indicators)
}

// sources lists the publications of the drawn figures, newest first.
func (b *builder) sources(c *Chart) {
	seen := map[string]bool{}
	for _, o := range c.Drawn {
		if seen[o.Source] {
			continue
		}
		seen[o.Source] = true
		c.Sources = append(c.Sources, Source{ID: o.Source, Publisher: shortName(b.t(o.SourcePublisher, o.SourcePublisherEn)), Published: o.SourcePublished})
	}
	sort.SliceStable(c.Sources, func(i, j int) bool {
		if c.Sources[i].Published != c.Sources[j].Published {
			return c.Sources[i].Published > c.Sources[j].Published
		}
		return c.Sources[i].Publisher < c.Sources[j].Publisher
	})
}

// SourceCount is the short source line a chart shows: "3 个来源" / "3 sources",
// with the list one click away.
func (c *Chart) SourceCount(lang figure.Lang) string {
	n := len(c.Sources)
	if lang == figure.En {
		if n == 1 {
			return "1 source"
		}
		return fmt.Sprintf("%d sources", n)
	}
	return fmt.Sprintf("%d 个来源", n)
}

// SourceLine names every source with its date, for embeds and images:
// "来源：蛇口消息报（2025年3月26日）；…".
func (c *Chart) SourceLine(lang figure.Lang) string {
	var parts []string
	for _, s := range c.Sources {
		if lang == figure.En {
			parts = append(parts, fmt.Sprintf("%s (%s)", s.Publisher, figure.Date(s.Published, lang)))
		} else {
			parts = append(parts, fmt.Sprintf("%s（%s）", s.Publisher, figure.Date(s.Published, lang)))
		}
	}
	if lang == figure.En {
		return "Source: " + strings.Join(parts, "; ")
	}
	return "来源：" + strings.Join(parts, "；")
}

// Published is the newest publication date among the drawn figures.
func (c *Chart) Published() string {
	if len(c.Sources) == 0 {
		return ""
	}
	return c.Sources[0].Published
}

// shortName is a publisher's name without its parenthetical: "蛇口消息报".
func shortName(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}
