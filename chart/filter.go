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
