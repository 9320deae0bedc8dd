package dashboard

import (
	"sort"

	"github.com/labstack/echo/v4"

	"districtstats/chart"
	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
	"districtstats/request"
	"districtstats/site"
	"districtstats/transform"
)

// handleIndicator is an indicator's page, as FRED's series page: chart,
// table of every figure with all its vintages, definition, unit, sources.
// /indicators/gdp.csv (.json, .xlsx) are its twins.
func (s *Server) handleIndicator(c echo.Context) error {
	id, ext, err := splitExt(c.Param("id"))
	if err != nil {
		return err
	}
	snap := s.snapshot(c)
	ind, ok := snap.Indicator(id)
	if !ok {
		return notFound("no indicator %q; see the list of indicators at /indicators", id)
	}
	v, err := parseView(c, snap, request.Data)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	all, err := queries.Observations(ctx, snap.DB, v.Filter([]string{id}, pageRegions(snap), false))
	if err != nil {
		return err
	}
	if ext != "" {
		rows := transform.Levels(all) // every vintage, as the page's table
		if v.Transform != transform.Level {
			if rows, err = transform.Select(ctx, snap.DB, v.Filter([]string{id}, pageRegions(snap), true), v.Transform, indicatorsOf(snap)); err != nil {
				return err
			}
		}
		return s.sendRows(c, v, ext, s.indicatorFileName(snap, ind, all), rows)
	}
	lang := langOf(c)
	// The chart draws the latest vintage of each period for the regions in
	// the URL, or the district alone when it has figures (a city total would
	// dwarf it), or every region.
	chartRegions := map[string]bool{}
	for _, r := range v.Regions {
		chartRegions[r] = true
	}
	var regionsWithData []string
	seenRegion := map[string]bool{}
	for _, o := range all {
		if !seenRegion[o.Region] {
			seenRegion[o.Region] = true
			regionsWithData = append(regionsWithData, o.Region)
		}
	}
	home := snap.Def.Site.HomeRegion
	// The home region comes first in every list.
	sort.SliceStable(regionsWithData, func(i, j int) bool { return regionsWithData[i] == home && regionsWithData[j] != home })
	if len(chartRegions) == 0 && seenRegion[home] {
		chartRegions[home] = true
	}
	var latest, drawn []queries.Observation
	sources := map[string]bool{}
	var srcList []*queries.Source
	for _, o := range all {
		if o.Latest {
			latest = append(latest, o)
			if len(chartRegions) == 0 || chartRegions[o.Region] {
				drawn = append(drawn, o)
			}
		}
		if !sources[o.Source] {
			sources[o.Source] = true
			if src, ok := snap.Source(o.Source); ok {
				srcList = append(srcList, src)
			}
		}
	}
	var regions []string
	for _, r := range regionsWithData {
		if len(chartRegions) == 0 || chartRegions[r] {
			regions = append(regions, r)
		}
	}
	def := chart.ForIndicator(ind, regions, drawn)
	var beside []queries.Observation
	var derived []transform.Row
	if v.Transform != transform.Level {
		def.Kind = site.Line // changes are read along a line
		f := v.Filter([]string{id}, regions, true)
		if derived, err = transform.Select(ctx, snap.DB, f, v.Transform, indicatorsOf(snap)); err != nil {
			return err
		}
		if beside, err = s.realGrowth(ctx, snap, id, f, v); err != nil {
			return err
		}
	}
	ch := chart.Build(snap, chart.Request{Chart: def, Regions: regions, Home: home, Lang: lang,
		Transform: v.Transform, Derived: derived, Beside: beside}, drawn)
	cv := newChartView(ch, "indicator-"+id, lang)
	cv.DataURL, cv.Query = "/indicators/"+id, c.QueryParams()
	latestFigures := latestPerRegion(latest)
	sort.SliceStable(latestFigures, func(i, j int) bool { return latestFigures[i].Region == home && latestFigures[j].Region != home })
	var headline *queries.Observation
	for i := range latestFigures {
		if latestFigures[i].Region == home || (headline == nil && len(chartRegions) > 0 && chartRegions[latestFigures[i].Region]) {
			headline = &latestFigures[i]
		}
	}

	p := s.newPage(c, nil)
	p.Title = cv.Title
	p.Published = cv.Published
	pg, err := tablePage(p, len(all), vintageRowsPerPage)
	if err != nil {
		return err
	}
	p.Data = struct {
		Indicator    *queries.Indicator
		Chart        *ChartView
		Observations []vintageRow // this page of the vintage table
		Pager        *pager
		Latest       []queries.Observation // per region, the latest period's latest vintage
		Headline     *queries.Observation  // the home region's (or the chosen region's) latest figure, shown first
		Sources      []*queries.Source
		Regions      []string // regions with figures, for the region switch
		AllRegions   int      // regions in the snapshot, for the region search
		Sentences    []press.Pair
		View         View
	}{ind, cv, vintageRows(snap, ind, all[pg.from:pg.to], lang), pg, latestFigures, headline, srcList, regionsWithData, len(snap.Regions),
		s.sentencesFor(snap, latestFigures), v}
	return s.render(c, "indicator", p)
}

// vintageRow is a row of an indicator page's table of every figure, as
// the page prints it. Formatting it here rather than in the template keeps
// the per-row work of html/template to escaping: its functions are called
// through reflection, and the table was a fifth of a 140-row page's render.
type vintageRow struct {
	Latest                                            bool
	Region, Period, Value, Qualifier, Status, Vintage string
	Publisher, URL, Published, Note                   string
}

func vintageRows(snap *Snapshot, ind *queries.Indicator, obs []queries.Observation, lang figure.Lang) []vintageRow {
	rows := make([]vintageRow, len(obs))
	for i := range obs {
		o := &obs[i]
		rows[i] = vintageRow{Latest: o.Latest, Region: regionName(snap, o.Region, lang), Period: press.PeriodLabel(*o, lang),
			Value: figure.Value(o.Value, o.Qualifier, unitOf(ind), lang), Qualifier: figure.QualifierName(o.Qualifier, lang),
			Status: figure.Status(o.Status, lang), Vintage: pick(lang, "较早版本", "earlier"),
			Publisher: pick(lang, o.SourcePublisher, o.SourcePublisherEn), URL: o.SourceURL,
			Published: figure.Date(o.SourcePublished, lang), Note: o.Note}
		if o.Latest {
			rows[i].Vintage = pick(lang, "最新", "latest")
		}
	}
	return rows
}

// indicatorFileName says what an indicator download holds: region(s),
// indicator and the years covered, e.g. nanshan-gdp-2013-2025.
func (s *Server) indicatorFileName(snap *Snapshot, ind *queries.Indicator, obs []queries.Observation) fileName {
	regions := map[string]bool{}
	var first, last string
	var regionOrder []string
	for _, o := range obs {
		if !regions[o.Region] {
			regions[o.Region] = true
			regionOrder = append(regionOrder, o.Region)
		}
		y := o.Start.Format("2006")
		if first == "" || y < first {
			first = y
		}
		if e := o.End.Format("2006"); e > last {
			last = e
		}
	}
	ascii, zh := ind.ID, ind.NameZh
	if len(regionOrder) == 1 {
		ascii = regionOrder[0] + "-" + ascii
		zh = regionName(snap, regionOrder[0], figure.Zh) + "-" + zh
	}
	if first != "" {
		span := first
		if last != first {
			span += "-" + last
		}
		ascii += "-" + span
		zh += "-" + span
	}
	return fileName{ASCII: ascii, Zh: zh}
}

// latestPerRegion keeps each region's latest figure (queries.Later, the
// rule every page states "the latest" by); an observed figure beats a
// target.
func latestPerRegion(latest []queries.Observation) []queries.Observation {
	idx := map[string]int{}
	var out []queries.Observation
	for k := range latest {
		o := &latest[k]
		i, ok := idx[o.Region]
		switch {
		case !ok:
			idx[o.Region] = len(out)
			out = append(out, *o)
		case o.Status == "target" && out[i].Status != "target":
		case out[i].Status == "target" && o.Status != "target", queries.Later(o, &out[i]):
			out[i] = *o
		}
	}
	return out
}
