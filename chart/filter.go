package chart

import (
	"districtstats/period"
	"districtstats/queries"
	"districtstats/site"
)

// Filter selects what a chart of d draws: its indicators, its regions (or
// its group's), its period range, latest vintages. A page's own from= and
// to= narrow it further (the later From, the earlier To).
func Filter(d *site.Definition, c *site.Chart) queries.Filter {
	f := queries.Filter{Indicators: c.Indicators, Regions: d.ChartRegions(c), LatestOnly: true}
	if p, err := period.Parse(c.From); c.From != "" && err == nil {
		f.From = p.Start
	}
	if p, err := period.Parse(c.To); c.To != "" && err == nil {
		f.To = p.End
	}
	return f
}

// ForIndicator is the chart of an indicator's own page: a line for
// percentages, bars for amounts and counts, tiles when every figure drawn
// is a target (a goal has no time series).
func ForIndicator(ind *queries.Indicator, regions []string, drawn []queries.Observation) *site.Chart {
	c := &site.Chart{ID: ind.ID, TitleZh: ind.NameZh, TitleEn: ind.NameEn, Kind: site.Bar, Indicators: []string{ind.ID}, Regions: regions}
	if ind.Unit == "percent" {
		c.Kind = site.Line
	}
	onlyTargets := len(drawn) > 0
	for _, o := range drawn {
		if o.Status != "target" {
			onlyTargets = false
		}
	}
	if onlyTargets {
		c.Kind = site.Tiles
	}
	return c
}
