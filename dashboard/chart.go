package dashboard

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"districtstats/figure"
	"districtstats/queries"
)

// ChartView is one chart as a page shows it: the ECharts option (built with
// go-echarts, rendered as JSON data, never as go-echarts' own page), the
// table of exactly the drawn numbers, and where its data and source are.
type ChartView struct {
	ID         string // unique on the page, e.g. economy-gdp
	Title      string
	Unit       string
	SourceLine string // "来源：…" with every source drawn, and its date
	Published  string // latest publication date among the drawn figures
	Options    ChartData
	Table      ChartTable
	Notes      []string   // e.g. gaps, derived values, targets
	DataURL    string     // twins: DataURL + ".csv" …
	Query      url.Values // the view's parameters, kept by the data links
	EmbedURL   string     // "" where the chart has no embed page
}

// Data links the chart's data in a format, with the parameters the chart
// was drawn with, so the download holds exactly what is shown.
func (cv *ChartView) Data(ext string, excel bool) string {
	q := url.Values{}
	for k, v := range cv.Query {
		if k != "lang" {
			q[k] = v
		}
	}
	if excel {
		q.Set("excel", "1")
	}
	return withQuery(cv.DataURL+"."+ext, q)
}

// Embed is the embed page's URL with the chart's parameters.
func (cv *ChartView) Embed() string {
	if cv.EmbedURL == "" {
		return ""
	}
	return withQuery(cv.EmbedURL, cv.Query)
}

// ChartData is what the static JS reads from the page: the ECharts option
// and, per series and point, the full label (qualifier, unit, status) for
// tooltips. html/template marshals it as JSON with <, > and & escaped, so
// data strings cannot end the script block, and JSON.parse keeps every
// string a string (no "__f__" functions).
type ChartData struct {
	Options map[string]any `json:"options"`
	Labels  [][]string     `json:"labels"`
}

// ChartTable is the accessible table under a chart.
type ChartTable struct {
	Head []string
	Rows [][]string
}

// pageChart pairs a page with one of its charts for the "chart" partial.
type pageChart struct {
	P *Page
	C *ChartView
}

func pc(p *Page, c *ChartView) pageChart { return pageChart{p, c} }

// point is one drawn figure.
type point struct {
	obs    *queries.Observation
	target bool
}

// series is one line or set of bars.
type series struct {
	name   string
	points []*point // aligned with the chart's categories; nil = gap
}

// chartBuilder gathers what every chart needs to label itself.
type chartBuilder struct {
	lang       figure.Lang
	snap       *Snapshot
	categories []string // x axis labels
	catKeys    []string // period or id per category, for the table
	series     []series
	unit       figure.Unit
	derived    *figure.Unit // set when drawing transformed values: their unit
	kind       string       // line | bar | stacked
	horizontal bool
	notes      []string
}

func (b *chartBuilder) t(zh, en string) string {
	if b.lang == figure.En {
		return en
	}
	return zh
}

// label is a point's full text: "超6,500 亿元（初步数）".
func (b *chartBuilder) label(p *point) string {
	if p == nil {
		return b.t("无数据", "no data")
	}
	u := b.unit
	if ind, ok := b.snap.Indicator(p.obs.Indicator); ok {
		u = unitOf(ind) // charts of several indicators may mix count nouns
	}
	v := p.obs.Value
	if b.derived != nil {
		// Computed changes are shown to two decimals; downloads keep full precision.
		u, v = *b.derived, roundTo(v, 2)
	}
	s := figure.Value(v, p.obs.Qualifier, u, b.lang)
	if p.target {
		s = b.t("目标：", "target: ") + s
	} else if st := figure.Status(p.obs.Status, b.lang); st != "" {
		s += " (" + st + ")"
	}
	return s
}

// build renders the option, labels, table and source line.
func (b *chartBuilder) build(cv *ChartView) {
	var opt map[string]any
	tooltip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}
	legend := opts.Legend{Show: opts.Bool(len(b.series) > 1), Bottom: "0"}
	yAxis := opts.YAxis{Name: cv.Unit, Type: "value"}
	xAxis := opts.XAxis{Type: "category", Data: b.categories}
	grid := opts.Grid{Left: "3%", Right: "4%", Bottom: "12%", ContainLabel: opts.Bool(true)}
	if b.kind == "line" {
		c := charts.NewLine()
		c.SetGlobalOptions(charts.WithTooltipOpts(tooltip), charts.WithLegendOpts(legend), charts.WithYAxisOpts(yAxis), charts.WithXAxisOpts(xAxis), charts.WithGridOpts(grid))
		c.SetXAxis(b.categories)
		for _, s := range b.series {
			var data []opts.LineData
			for _, p := range s.points {
				if p == nil {
					data = append(data, opts.LineData{Value: "-"}) // a gap stays a gap
				} else {
					data = append(data, opts.LineData{Value: p.obs.Value, Symbol: symbolFor(p), SymbolSize: 8})
				}
			}
			c.AddSeries(s.name, data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)}))
		}
		opt = c.JSON()
	} else {
		c := charts.NewBar()
		if b.horizontal {
			xAxis, yAxis = opts.XAxis{Type: "value", Name: cv.Unit}, opts.YAxis{Type: "category", Data: b.categories, Inverse: opts.Bool(true)}
		}
		c.SetGlobalOptions(charts.WithTooltipOpts(tooltip), charts.WithLegendOpts(legend), charts.WithYAxisOpts(yAxis), charts.WithXAxisOpts(xAxis), charts.WithGridOpts(grid))
		if !b.horizontal {
			c.SetXAxis(b.categories)
		}
		for _, s := range b.series {
			var data []opts.BarData
			for _, p := range s.points {
				switch {
				case p == nil:
					data = append(data, opts.BarData{Value: "-"})
				case p.target:
					// Targets are not observations: hollow, dashed-looking bars.
					data = append(data, opts.BarData{Value: p.obs.Value, ItemStyle: &opts.ItemStyle{Color: "rgba(0,0,0,0)", BorderColor: "#c23531", BorderWidth: 2}})
				case p.obs.Qualifier != "exact":
					// Qualified figures (about, more than…) are drawn paler.
					data = append(data, opts.BarData{Value: p.obs.Value, ItemStyle: &opts.ItemStyle{Opacity: opts.Float(0.5)}})
				default:
					data = append(data, opts.BarData{Value: p.obs.Value})
				}
			}
			var so []charts.SeriesOpts
			if b.kind == "stacked" {
				so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			c.AddSeries(s.name, data, so...)
		}
		opt = c.JSON()
	}
	if b.horizontal {
		// go-echarts keeps a category x axis for bars; swap to horizontal.
		opt["xAxis"] = []any{map[string]any{"type": "value", "name": cv.Unit}}
		opt["yAxis"] = []any{map[string]any{"type": "category", "data": b.categories, "inverse": true}}
	}

	labels := make([][]string, len(b.series))
	for i, s := range b.series {
		for _, p := range s.points {
			labels[i] = append(labels[i], b.label(p))
		}
	}
	cv.Options = ChartData{Options: opt, Labels: labels}

	cv.Table.Head = []string{b.t("分类", "Category")}
	if b.kind == "line" || len(b.catKeys) > 0 && b.catKeys[0] != "" {
		cv.Table.Head[0] = b.t("时期", "Period")
	}
	for _, s := range b.series {
		cv.Table.Head = append(cv.Table.Head, s.name)
	}
	for ci, cat := range b.categories {
		row := []string{cat}
		for _, s := range b.series {
			if p := s.points[ci]; p == nil {
				row = append(row, "—")
			} else {
				row = append(row, b.label(p))
			}
		}
		cv.Table.Rows = append(cv.Table.Rows, row)
	}

	var drawn []*queries.Observation
	for _, s := range b.series {
		for _, p := range s.points {
			if p != nil {
				drawn = append(drawn, p.obs)
			}
		}
	}
	cv.SourceLine, cv.Published = sourceLine(drawn, b.lang)
	for _, o := range drawn {
		if o.Qualifier != "exact" {
			if b.kind == "line" {
				b.notes = append(b.notes, b.t("空心点为约数或区间数（约、超、近等），详见表格。", "Hollow points are qualified figures (about, more than, nearly…): see the table."))
			} else {
				b.notes = append(b.notes, b.t("浅色条为约数或区间数（约、超、近等），详见表格。", "Pale bars are qualified figures (about, more than, nearly…): see the table."))
			}
			break
		}
	}
	cv.Notes = append(cv.Notes, b.notes...)
}

func symbolFor(p *point) string {
	if p.obs.Qualifier != "exact" {
		return "emptyCircle" // qualified figures (about, more than…) are drawn hollow
	}
	return "circle"
}

// sourceLine lists every source of the drawn figures with its date, newest
// first, and returns the newest publication date.
func sourceLine(obs []*queries.Observation, lang figure.Lang) (string, string) {
	type src struct{ name, date string }
	seen := map[string]src{}
	for _, o := range obs {
		name := o.SourcePublisher
		if lang == figure.En {
			name = o.SourcePublisherEn
		}
		seen[o.Source] = src{shortName(name), o.SourcePublished}
	}
	var list []src
	for _, s := range seen {
		list = append(list, s)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].date != list[j].date {
			return list[i].date > list[j].date
		}
		return list[i].name < list[j].name
	})
	var parts []string
	for _, s := range list {
		if lang == figure.En {
			parts = append(parts, fmt.Sprintf("%s (%s)", s.name, figure.Date(s.date, lang)))
		} else {
			parts = append(parts, fmt.Sprintf("%s（%s）", s.name, figure.Date(s.date, lang)))
		}
	}
	latest := ""
	if len(list) > 0 {
		latest = list[0].date
	}
	if lang == figure.En {
		return "Source: " + strings.Join(parts, "; "), latest
	}
	return "来源：" + strings.Join(parts, "；"), latest
}

// shortName is a publisher's name without its parenthetical: "蛇口消息报".
func shortName(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}

// roundTo rounds to d decimals via the decimal text, so 747.53-449.07
// (298.46000000000004 in binary) reads 298.46.
func roundTo(v float64, d int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', d, 64), 64)
	return f
}
