package dashboard

import (
	"html/template"
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/chart"
	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
	"districtstats/request"
	"districtstats/site"
	"districtstats/transform"
)

// handleTopic shows a topic's charts; /topics/economy.csv (.json, .xlsx)
// holds the figures of all of them.
func (s *Server) handleTopic(c echo.Context) error {
	topic, ext, err := splitExt(c.Param("topic"))
	if err != nil {
		return err
	}
	snap := s.snapshot(c)
	def, ok := snap.Def.Topic(topic)
	if !ok {
		var ids []string
		for _, t := range snap.Def.Topics {
			ids = append(ids, t.ID)
		}
		return notFound("no topic %q: the topics are %s", topic, strings.Join(ids, ", "))
	}
	v, err := parseView(c, snap, request.Data)
	if err != nil {
		return err
	}
	lang := langOf(c)
	defs := make([]*site.Chart, len(def.Charts))
	for i := range def.Charts {
		defs[i] = &def.Charts[i]
	}
	charts, rowsPer, err := s.charts(c.Request().Context(), snap, topic, defs, v, lang, ext != "")
	if err != nil {
		return err
	}
	if ext != "" {
		var all []transform.Row
		for i := range charts {
			all = append(all, rowsPer[i]...)
		}
		return s.sendRows(c, v, ext, fileName{ASCII: "topic-" + topic, Zh: "专题-" + def.NameZh}, dedupe(all))
	}
	for _, cv := range charts {
		cv.Query = c.QueryParams()
	}
	p := s.newPage(c, nil)
	p.Title = p.T(def.NameZh, def.NameEn)
	for _, cv := range charts {
		if cv.Published > p.Published {
			p.Published = cv.Published
		}
	}
	var inds []*queries.Indicator
	for i := range snap.Indicators {
		if snap.Indicators[i].Topic == topic {
			inds = append(inds, &snap.Indicators[i])
		}
	}
	data := struct {
		Topic          string
		Charts         []*ChartView
		Indicators     []*queries.Indicator
		Measures       []queries.PolicyMeasure // policy measures (policy_measures.csv), shown with their topic
		Sentences      []press.Pair
		MeasuresSource string
	}{Topic: topic, Charts: charts, Indicators: inds}
	if len(snap.Measures) > 0 && def.PolicyMeasures {
		data.Measures = snap.Measures
		data.Sentences = s.measureSentencesFor(snap, snap.Measures)
		// The measures' sources, named as a chart names its own.
		cited := &chart.Chart{}
		seen := map[string]bool{}
		for _, m := range snap.Measures {
			if src, ok := snap.Source(m.Source); ok && !seen[src.ID] {
				seen[src.ID] = true
				cited.Sources = append(cited.Sources, chart.Source{ID: src.ID, Publisher: shortName(p.T(src.Publisher, src.PublisherEn)), Published: src.Published})
			}
		}
		data.MeasuresSource = cited.SourceLine(p.Lang)
	}
	p.Data = data
	return s.render(c, "topic", p)
}

// handleChart answers a topic chart's data twins: the stored figures it
// draws (/topics/economy/charts/gdp.csv).
func (s *Server) handleChart(c echo.Context) error {
	id, ext, err := splitExt(c.Param("chart"))
	if err != nil {
		return err
	}
	topic := c.Param("topic")
	snap := s.snapshot(c)
	spec, ok := snap.Def.Chart(topic, id)
	if !ok {
		return notFound("no chart %q in topic %q", id, topic)
	}
	if ext == "" {
		return c.Redirect(302, "/topics/"+topic+"#chart-"+topic+"-"+spec.ID)
	}
	v, err := parseView(c, snap, request.Data)
	if err != nil {
		return err
	}
	_, rows, err := s.chart(c.Request().Context(), snap, topic, spec, v, langOf(c), true)
	if err != nil {
		return err
	}
	return s.sendRows(c, v, ext, fileName{ASCII: topic + "-" + spec.ID, Zh: spec.TitleZh}, rows)
}

// dedupe drops repeated rows when several charts draw the same figure.
func dedupe(rows []transform.Row) []transform.Row {
	seen := map[string]bool{}
	var out []transform.Row
	for _, o := range rows {
		k := o.Indicator + "\x00" + o.Region + "\x00" + o.Period + "\x00" + o.Source
		if !seen[k] {
			seen[k] = true
			out = append(out, o)
		}
	}
	return out
}

// measureAmount is a measure's amount as published: "最高60 万元/人",
// "30-70 %", "" when the measure names none.
func measureAmount(m queries.PolicyMeasure, lang figure.Lang) string {
	if m.Amount == "" {
		return ""
	}
	prefix := ""
	if m.Qualifier != "range" && m.Qualifier != "exact" {
		prefix = figure.QualifierPrefix(m.Qualifier, lang)
	}
	if lang == figure.En {
		return prefix + m.Amount + " (" + m.UnitEn + ")" // "up to 60 (10 thousand yuan per person)"
	}
	return prefix + m.Amount + " " + m.UnitZh
}

// indicatorLinks is a topic's indicators as list items: each its name,
// linked to its page, and its unit, in the page's language.
//
// Written in Go rather than by a template range: at 10M a topic lists a
// dozen indicators or more, five template actions each through reflection
// and escaper functions, about 3 % of the server's time on a cold topic
// page. Each value is escaped as html/template escapes it there
// (htmlWriter). TestIndicatorLinksMatchTemplate holds the output byte for
// byte to the range it replaces.
func indicatorLinks(p *Page, inds []*queries.Indicator) template.HTML {
	var w htmlWriter
	w.Grow(len(inds) * 128)
	for _, ind := range inds {
		w.raw(`<li><a href="`)
		w.url(p.URL("/indicators/" + ind.ID))
		w.raw(`">`)
		w.text(p.T(ind.NameZh, ind.NameEn))
		w.raw(`</a> <span class="unit">(`)
		w.text(p.T(ind.UnitZh, ind.UnitEn))
		w.raw(`)</span></li>`)
	}
	return template.HTML(w.String())
}
