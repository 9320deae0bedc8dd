package chart

import (
	"encoding/json"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// option builds the ECharts option with go-echarts. Its line points have
// no field for a value label, so the points are our own types (go-echarts'
// point plus the label) set on each series after AddSeries: the option is
// marshalled once, as the page writes it, not turned into JSON maps and
// back (that round trip was a tenth of a topic page's cold render at 10M).
func (b *builder) option(c *Chart) {
	tooltip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}
	legend := opts.Legend{Show: opts.Bool(len(b.series) > 1), Bottom: "0"}
	if b.horizontal {
		// The unit sits under the axis, where the legend would be: the
		// legend goes above the plot instead.
		legend.Bottom, legend.Top = "", "0"
	}
	grid := opts.Grid{Left: "3%", Right: "4%", Bottom: "12%", Top: "40", ContainLabel: opts.Bool(true)}
	var opt map[string]any
	if b.kind == "line" {
		l := charts.NewLine()
		l.SetGlobalOptions(charts.WithTooltipOpts(tooltip), charts.WithLegendOpts(legend), charts.WithGridOpts(grid),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: b.categories}), charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: c.Unit}))
		l.SetXAxis(b.categories)
		for i, s := range b.series {
			data := make([]linePoint, 0, len(s.points))
			for _, p := range s.points {
				if p == nil {
					data = append(data, linePoint{LineData: opts.LineData{Value: "-"}}) // a gap stays a gap
					continue
				}
				d := opts.LineData{Value: b.plotValue(p)}
				if p.obs.Qualifier != "exact" {
					d.Symbol = "emptyCircle" // qualified figures (about, more than…) are hollow
				}
				data = append(data, linePoint{LineData: d, Label: b.valueLabel(p)})
			}
			width := float32(1.5)
			if s.region == b.req.Home {
				width = 3
			}
			l.AddSeries(s.name, nil,
				// Every point a filled circle, set once for the series: a
				// point then carries only what differs from it.
				charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true), Symbol: "circle", SymbolSize: 8}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: b.colour(i, s)}),
				charts.WithLineStyleOpts(opts.LineStyle{Width: width}))
			l.MultiSeries[len(l.MultiSeries)-1].Data = data
		}
		opt = l.JSON()
	} else {
		bar := charts.NewBar()
		x := opts.XAxis{Type: "category", Data: b.categories}
		y := opts.YAxis{Type: "value", Name: c.Unit}
		bar.SetGlobalOptions(charts.WithTooltipOpts(tooltip), charts.WithLegendOpts(legend), charts.WithGridOpts(grid),
			charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))
		bar.SetXAxis(b.categories)
		for i, s := range b.series {
			data := make([]barPoint, 0, len(s.points))
			for _, p := range s.points {
				switch {
				case p == nil:
					data = append(data, barPoint{BarData: opts.BarData{Value: "-"}})
				case p.target:
					// A target is not an observation: hollow.
					data = append(data, barPoint{BarData: opts.BarData{Value: b.plotValue(p), ItemStyle: &opts.ItemStyle{Color: "rgba(0,0,0,0)", BorderColor: TargetColour, BorderWidth: 2}},
						Label: b.valueLabel(p)})
				default:
					d := opts.BarData{Value: b.plotValue(p)}
					st := &opts.ItemStyle{}
					if b.perPoint {
						st.Color = b.regionColour(p.obs.Region)
					}
					if p.obs.Qualifier != "exact" || p.computed {
						st.Opacity = opts.Float(0.55) // qualified or computed: paler, and labelled
					}
					if st.Color != "" || st.Opacity != nil {
						d.ItemStyle = st
					}
					data = append(data, barPoint{BarData: d, Label: b.valueLabel(p)})
				}
			}
			so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: b.colour(i, s)})}
			if b.kind == "stacked" {
				so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			bar.AddSeries(s.name, nil, so...)
			bar.MultiSeries[len(bar.MultiSeries)-1].Data = data
		}
		opt = bar.JSON()
	}
	// Axis units sit at the axis' start, where they cannot be clipped.
	valueAxis := map[string]any{"type": "value", "name": c.Unit, "nameLocation": "end", "nameTextStyle": map[string]any{"align": "left"}}
	if b.horizontal {
		valueAxis["nameLocation"], valueAxis["nameGap"] = "middle", 28
		delete(valueAxis, "nameTextStyle")
		opt["xAxis"] = []any{valueAxis}
		opt["yAxis"] = []any{map[string]any{"type": "category", "data": b.categories, "inverse": true}}
	} else {
		opt["yAxis"] = []any{valueAxis}
	}
	c.Option = opt
	c.Labels = make([][]string, len(b.series))
	for i, s := range b.series {
		c.Labels[i] = []string{}
		for _, p := range s.points {
			c.Labels[i] = append(c.Labels[i], b.label(p))
		}
	}
}

// linePoint and barPoint are go-echarts' points with the value label our
// charts draw beside a qualified point (barPoint's Label hides BarData's:
// encoding/json takes the shallower field).
//
// A point with nothing but its value is written as the bare value (a
// number, or "-" for a gap), which ECharts reads as {"value": v}: most
// points of a long series are exact figures, and the option's size and
// the time to write it were mostly the wrapping of each one.
type linePoint struct {
	opts.LineData
	Label *valueLabel `json:"label,omitempty"`
}

type barPoint struct {
	opts.BarData
	Label *valueLabel `json:"label,omitempty"`
}

func (p linePoint) MarshalJSON() ([]byte, error) {
	rest := p.LineData
	rest.Value = nil // compared without it: a value need not be comparable
	if p.Label == nil && rest == (opts.LineData{}) {
		return json.Marshal(p.Value)
	}
	type whole linePoint // without this method
	return json.Marshal(whole(p))
}

func (p barPoint) MarshalJSON() ([]byte, error) {
	rest := p.BarData
	rest.Value = nil
	if p.Label == nil && rest == (opts.BarData{}) {
		return json.Marshal(p.Value)
	}
	type whole barPoint
	return json.Marshal(whole(p))
}

// valueLabel writes the qualifier into the chart itself: a qualified,
// computed or target point carries its short label ("超5,500", "约30%"),
// full strength and outlined, whatever the point's paleness, so that the
// qualifier reads on any bar.
type valueLabel struct {
	Show            bool    `json:"show"`
	Position        string  `json:"position"`
	Formatter       string  `json:"formatter"`
	Opacity         float64 `json:"opacity"`
	Color           string  `json:"color"`
	TextBorderColor string  `json:"textBorderColor"`
	TextBorderWidth float64 `json:"textBorderWidth"`
}

// valueLabel is a point's label, or nil for an exact observation.
func (b *builder) valueLabel(p *point) *valueLabel {
	if p == nil || (p.obs.Qualifier == "exact" && !p.target) {
		return nil
	}
	pos := "top"
	if b.horizontal {
		pos = "right"
	}
	if b.kind == "stacked" {
		pos = "inside"
	}
	text := b.shortLabel(p)
	if p.target {
		text = b.t("目标 ", "target ") + text
	}
	return &valueLabel{Show: true, Position: pos, Formatter: text, Opacity: 1, Color: "#102a43", TextBorderColor: "#fff", TextBorderWidth: 2}
}

// colour gives a series its colour: the home region's everywhere, muted
// colours for the others; several series of the home region alone (shares
// of one whole) take shades of the home colour.
func (b *builder) colour(i int, s series) string {
	allHome := true
	for _, x := range b.series {
		if x.region != b.req.Home {
			allHome = false
		}
	}
	if allHome {
		return homeShades[i%len(homeShades)]
	}
	if s.region == b.req.Home {
		return HomeColour
	}
	muted := 0
	for _, x := range b.series[:i] {
		if x.region != b.req.Home {
			muted++
		}
	}
	return mutedColours[muted%len(mutedColours)]
}

func (b *builder) regionColour(region string) string {
	if region == b.req.Home {
		return HomeColour
	}
	return mutedColours[0]
}

// table lists exactly the drawn numbers, one row per category.
func (b *builder) table(c *Chart) {
	c.Table.Head = []string{b.t("分类", "Category")}
	if len(b.catKeys) > 0 && b.catKeys[0] != "" {
		c.Table.Head[0] = b.t("时期", "Period")
	}
	for _, s := range b.series {
		c.Table.Head = append(c.Table.Head, s.name)
	}
	for ci, cat := range b.categories {
		row := []string{cat}
		for si, s := range b.series {
			switch p := s.points[ci]; {
			case p == nil:
				row = append(row, "—")
			case si < len(c.Labels):
				row = append(row, c.Labels[si][ci]) // option wrote it for the tooltip
			default:
				row = append(row, b.label(p))
			}
		}
		c.Table.Rows = append(c.Table.Rows, row)
	}
	for _, s := range b.series {
		for _, p := range s.points {
			if p != nil && !p.computed {
				c.Drawn = append(c.Drawn, p.obs)
			}
		}
	}
	c.Drawn = append(c.Drawn, b.inputs...) // the published figures a computed value comes from
	for _, o := range c.Drawn {
		if o.Qualifier != "exact" && b.req.Chart.Kind != "tiles" {
			if b.kind == "line" {
				b.notes = append(b.notes, b.t("空心点为约数或区间数（约、超、近等），数值旁已标明。", "Hollow points are qualified figures (about, more than, nearly…), labelled beside the value."))
			} else {
				b.notes = append(b.notes, b.t("浅色条为约数或区间数（约、超、近等），数值旁已标明。", "Pale bars are qualified figures (about, more than, nearly…), labelled beside the value."))
			}
			break
		}
	}
}
