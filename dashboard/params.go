package dashboard

import (
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"districtstats/period"
	"districtstats/queries"
)

// Twin formats a data page answers in, besides HTML ("").
var twinExts = map[string]bool{"": true, "csv": true, "json": true, "xlsx": true}

// splitExt splits "gdp.csv" into "gdp" and "csv". An unknown extension is a 404.
func splitExt(s string) (string, string, error) {
	base, ext := s, ""
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		base, ext = s[:i], s[i+1:]
	}
	if !twinExts[ext] {
		return "", "", notFound("no %q format: use .csv, .csv?excel=1, .xlsx or .json", ext)
	}
	return base, ext, nil
}

// View is the parsed form of the query parameters every data page and twin
// shares: region=, from=, to=, as_of=, transform=. Values are checked
// against the snapshot: only known ids reach a query.
type View struct {
	Regions   []string  // ids; nil = the page's default
	From, To  string    // period notations as given
	AsOf      string    // YYYY-MM-DD as given
	Transform string    // level | change | pct_change | yoy_pct
	from, to  time.Time // parsed
	asOf      time.Time
}

// Transforms in the order the UI offers them.
var Transforms = []string{"level", "change", "pct_change", "yoy_pct"}

// parseView reads the shared parameters, failing with a 400 that names the
// parameter and what it allows.
func parseView(c echo.Context, snap *Snapshot) (View, error) {
	var v View
	if l := c.QueryParam("lang"); l != "" && l != "en" && l != "zh" {
		return v, badParam("lang", l, "en, or zh (the default)")
	}
	for _, raw := range c.QueryParams()["region"] {
		for _, id := range strings.Split(raw, ",") {
			if id == "" {
				continue
			}
			if _, ok := snap.Region(id); !ok {
				return v, badParam("region", id, "a region id such as nanshan, shenzhen, china (see /api/v1/regions)")
			}
			v.Regions = append(v.Regions, id)
		}
	}
	if s := c.QueryParam("from"); s != "" {
		p, err := period.Parse(s)
		if err != nil {
			return v, badParam("from", s, "a period such as 2015 or 2023Q1")
		}
		v.From, v.from = s, p.Start
	}
	if s := c.QueryParam("to"); s != "" {
		p, err := period.Parse(s)
		if err != nil {
			return v, badParam("to", s, "a period such as 2024 or 2024Q4")
		}
		v.To, v.to = s, p.End
	}
	if !v.from.IsZero() && !v.to.IsZero() && v.to.Before(v.from) {
		return v, badParam("to", v.To, "a period that ends after from="+v.From)
	}
	if s := c.QueryParam("as_of"); s != "" {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return v, badParam("as_of", s, "a date YYYY-MM-DD")
		}
		v.AsOf, v.asOf = s, t
	}
	v.Transform = "level"
	if s := c.QueryParam("transform"); s != "" {
		if !oneOf(s, Transforms) {
			return v, badParam("transform", s, "one of "+strings.Join(Transforms, ", "))
		}
		v.Transform = s
	}
	return v, nil
}

// Filter turns a view into a query filter for the given indicators, with
// defaultRegions when the URL names none.
func (v View) Filter(indicators []string, defaultRegions []string, latestOnly bool) queries.Filter {
	regions := v.Regions
	if regions == nil {
		regions = defaultRegions
	}
	return queries.Filter{Indicators: indicators, Regions: regions, From: v.from, To: v.to, AsOf: v.asOf, LatestOnly: latestOnly}
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

// parseIDs reads a comma-separated list parameter of ids that must exist.
func parseIDs(c echo.Context, name string, exists func(string) bool, allowed string) ([]string, error) {
	var ids []string
	for _, raw := range c.QueryParams()[name] {
		for _, id := range strings.Split(raw, ",") {
			if id == "" {
				continue
			}
			if !exists(id) {
				return nil, badParam(name, id, allowed)
			}
			ids = append(ids, id)
		}
	}
	return ids, nil
}
