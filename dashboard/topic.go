package dashboard

import (
	"github.com/labstack/echo/v4"

	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
	"districtstats/request"
	"districtstats/transform"
)

// handleTopic shows a topic's charts; /topics/economy.csv (.json, .xlsx)
// holds the figures of all of them.
func (s *Server) handleTopic(c echo.Context) error {
	topic, ext, err := splitExt(c.Param("topic"))
	if err != nil {
		return err
	}
	name, ok := topicName(topic)
	if !ok {
		return notFound("no topic %q: the topics are economy, innovation, clusters, funds and livelihood", topic)
	}
	snap := s.snapshot(c)
	v, err := parseView(c, snap, request.Data)
	if err != nil {
		return err
	}
	lang := langOf(c)
	var charts []*ChartView
	var all []transform.Row
	for i := range chartSpecs {
		if chartSpecs[i].Topic != topic {
			continue
		}
		cv, rows, err := s.chart(c.Request().Context(), snap, &chartSpecs[i], v, lang)
		if err != nil {
			return err
		}
		cv.Query = c.QueryParams()
		charts = append(charts, cv)
		all = append(all, rows...)
	}
	if ext != "" {
		return s.sendRows(c, v, ext, fileName{ASCII: "topic-" + topic, Zh: "专题-" + name.Zh}, dedupe(all))
	}
	p := s.newPage(c, nil)
	p.Title = p.T(name.Zh, name.En)
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
		Measures       []queries.PolicyMeasure // the "六个一" package, shown with the funds
		Sentences      []press.Pair
		MeasuresSource string
	}{Topic: topic, Charts: charts, Indicators: inds}
	if topic == "funds" {
		data.Measures = snap.Measures
		data.Sentences = s.measureSentencesFor(snap, snap.Measures)
		var cited []*queries.Observation
		for _, m := range snap.Measures {
			if src, ok := snap.Source(m.Source); ok {
				cited = append(cited, &queries.Observation{Source: src.ID, SourcePublisher: src.Publisher, SourcePublisherEn: src.PublisherEn, SourcePublished: src.Published})
			}
		}
		data.MeasuresSource, _ = sourceLine(cited, p.Lang)
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
	spec, ok := findChart(c.Param("topic"), id)
	if !ok {
		return notFound("no chart %q in topic %q", id, c.Param("topic"))
	}
	if ext == "" {
		return c.Redirect(302, "/topics/"+spec.Topic+"#chart-"+spec.Topic+"-"+spec.ID)
	}
	snap := s.snapshot(c)
	v, err := parseView(c, snap, request.Data)
	if err != nil {
		return err
	}
	_, rows, err := s.chart(c.Request().Context(), snap, spec, v, langOf(c))
	if err != nil {
		return err
	}
	return s.sendRows(c, v, ext, fileName{ASCII: spec.Topic + "-" + spec.ID, Zh: spec.TitleZh}, rows)
}

func topicName(id string) (struct{ Zh, En string }, bool) {
	for _, t := range topics {
		if t.ID == id {
			return struct{ Zh, En string }{t.Zh, t.En}, true
		}
	}
	return struct{ Zh, En string }{}, false
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
