package dashboard

import (
	"context"
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/chart"
	"districtstats/figure"
	"districtstats/queries"
	"districtstats/request"
	"districtstats/site"
	"districtstats/transform"
)

// Every chart of a topic page, its data twins and its embed come from the
// snapshot's dashboard definition (data/dashboard.yaml) and are drawn by
// package chart: nothing here names a district, a topic or a chart.

// indicatorsOf looks indicators up in the snapshot, for transform.Select.
func indicatorsOf(snap *Snapshot) transform.Indicators {
	return func(id string) *queries.Indicator {
		ind, _ := snap.Indicator(id)
		return ind
	}
}

// buildChart builds one chart of a topic for a request (its view
// parameters and language): embeds use it.
func (s *Server) buildChart(c echo.Context, snap *Snapshot, topic, chartID string) (*ChartView, error) {
	def, ok := snap.Def.Chart(topic, chartID)
	if !ok {
		return nil, notFound("no chart %q in topic %q", chartID, topic)
	}
	v, err := parseView(c, snap, request.Data)
	if err != nil {
		return nil, err
	}
	cv, _, err := s.chart(c.Request().Context(), snap, topic, def, v, langOf(c), false)
	if cv != nil {
		cv.Query = c.QueryParams()
	}
	return cv, err
}

// chartFilter is what a chart of the definition draws, narrowed by the
// view: its regions (region= replaces the chart's), a later from=, an
// earlier to=, as-of.
func chartFilter(snap *Snapshot, def *site.Chart, v View) (queries.Filter, []string) {
	f := chart.Filter(snap.Def, def)
	if len(v.Regions) > 0 {
		f.Regions = v.Regions
	}
	if !v.Start.IsZero() && v.Start.After(f.From) {
		f.From = v.Start
	}
	if !v.End.IsZero() && (f.To.IsZero() || v.End.Before(f.To)) {
		f.To = v.End
	}
	f.AsOf = v.AsOfDate
	return f, f.Regions
}

// chart queries and draws a chart of the definition, returning the rows it
// drew from (its data twin's rows) when twin is set.
func (s *Server) chart(ctx context.Context, snap *Snapshot, topic string, def *site.Chart, v View, lang figure.Lang, twin bool) (*ChartView, []transform.Row, error) {
	cvs, rows, err := s.charts(ctx, snap, topic, []*site.Chart{def}, v, lang, twin)
	if err != nil {
		return nil, nil, err
	}
	return cvs[0], rows[0], nil
}

// charts draws several charts of a topic from one query of their figures
// (queries.ObservationsPerFilter: a query costs more than the rows it
// reads), each chart getting exactly what its own filter selects.
func (s *Server) charts(ctx context.Context, snap *Snapshot, topic string, defs []*site.Chart, v View, lang figure.Lang, twin bool) ([]*ChartView, [][]transform.Row, error) {
	fs := make([]queries.Filter, len(defs))
	for i, def := range defs {
		fs[i], _ = chartFilter(snap, def, v)
	}
	obs, err := queries.ObservationsPerFilter(ctx, snap.DB, fs)
	if err != nil {
		return nil, nil, err
	}
	cvs := make([]*ChartView, len(defs))
	rows := make([][]transform.Row, len(defs))
	for i, def := range defs {
		if cvs[i], rows[i], err = s.drawChart(ctx, snap, topic, def, fs[i], v, lang, obs[i], twin); err != nil {
			return nil, nil, err
		}
	}
	return cvs, rows, nil
}

// drawChart draws a chart from the figures its filter f selected, and gives
// its twin's rows when twin is set (or a transform draws from them). A page
// needs no rows: at 10M the economy topic's were 1,192 copies of a figure
// made and thrown away on every render.
func (s *Server) drawChart(ctx context.Context, snap *Snapshot, topic string, def *site.Chart, f queries.Filter, v View, lang figure.Lang, obs []queries.Observation, twin bool) (*ChartView, []transform.Row, error) {
	regions := f.Regions
	var rows []transform.Row
	if twin {
		rows = transform.Levels(obs)
	}
	var err error
	var beside []queries.Observation
	if v.Transform != transform.Level {
		if rows, err = transform.Select(ctx, snap.DB, f, v.Transform, indicatorsOf(snap)); err != nil {
			return nil, nil, err
		}
		if beside, err = s.realGrowth(ctx, snap, def.Indicators[0], f, v); err != nil {
			return nil, nil, err
		}
	}
	ch := chart.Build(snap, chart.Request{Chart: def, Regions: regions, Home: snap.Def.Site.HomeRegion, Lang: lang,
		Transform: v.Transform, Derived: rows, Beside: beside}, obs)
	cv := newChartView(ch, topic+"-"+def.ID, lang)
	cv.DataURL = "/topics/" + topic + "/charts/" + def.ID
	if s.embeddable() {
		cv.EmbedURL = "/embed/charts/" + topic + "/" + def.ID
	}
	return cv, rows, nil
}

// realGrowth is, beside a nominal rate computed from current-price levels,
// the real growth its statistics office publishes for the same regions and
// periods (indicators.csv real_growth), so the two are read together and
// never taken for each other.
func (s *Server) realGrowth(ctx context.Context, snap *Snapshot, id string, f queries.Filter, v View) ([]queries.Observation, error) {
	ind, ok := snap.Indicator(id)
	if !ok || v.Transform == transform.Change || !transform.Nominal(ind) || ind.RealGrowth == "" {
		return nil, nil
	}
	if _, ok := snap.Indicator(ind.RealGrowth); !ok {
		return nil, nil
	}
	f.Indicators = []string{ind.RealGrowth}
	return queries.Observations(ctx, snap.DB, f)
}

// shortName is a publisher's name without its parenthetical: "蛇口消息报".
func shortName(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}
