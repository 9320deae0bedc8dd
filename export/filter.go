package export

import (
	"fmt"
	"strings"
	"time"

	"districtstats/period"
	"districtstats/queries"
	"districtstats/transform"
)

// Args are the filters as a command line gives them, unchecked.
type Args struct {
	Indicators, Regions string // comma-separated ids
	From, To            string // periods
	AsOf                string // YYYY-MM-DD
	Transform           string
	Latest              bool
}

// Filter checks args against the catalog (only known ids reach a query)
// and returns the query filter and transform.
func (c *Catalog) Filter(a Args) (queries.Filter, string, error) {
	var f queries.Filter
	for _, id := range splitIDs(a.Indicators) {
		if _, ok := c.indicator[id]; !ok {
			return f, "", fmt.Errorf("-indicators: %q is not an indicator id", id)
		}
		f.Indicators = append(f.Indicators, id)
	}
	for _, id := range splitIDs(a.Regions) {
		if _, ok := c.region[id]; !ok {
			return f, "", fmt.Errorf("-regions: %q is not a region id", id)
		}
		f.Regions = append(f.Regions, id)
	}
	if a.From != "" {
		p, err := period.Parse(a.From)
		if err != nil {
			return f, "", fmt.Errorf("-from %q: %v", a.From, err)
		}
		f.From = p.Start
	}
	if a.To != "" {
		p, err := period.Parse(a.To)
		if err != nil {
			return f, "", fmt.Errorf("-to %q: %v", a.To, err)
		}
		f.To = p.End
	}
	if a.AsOf != "" {
		t, err := time.Parse("2006-01-02", a.AsOf)
		if err != nil {
			return f, "", fmt.Errorf("-as-of %q: want a date YYYY-MM-DD", a.AsOf)
		}
		f.AsOf = t
	}
	t := a.Transform
	if t == "" {
		t = transform.Level
	}
	valid := false
	for _, v := range transform.Valid {
		valid = valid || v == t
	}
	if !valid {
		return f, "", fmt.Errorf("-transform %q: use one of %s", t, strings.Join(transform.Valid, ", "))
	}
	f.LatestOnly = a.Latest
	return f, t, nil
}

func splitIDs(s string) []string {
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// FormatOf guesses a format from a file name's extension.
func FormatOf(path string) (Format, bool) {
	switch {
	case strings.HasSuffix(path, ".csv"):
		return CSV, true
	case strings.HasSuffix(path, ".xlsx"):
		return XLSX, true
	case strings.HasSuffix(path, ".json"):
		return JSON, true
	case strings.HasSuffix(path, ".parquet"):
		return Parquet, true
	}
	return "", false
}
