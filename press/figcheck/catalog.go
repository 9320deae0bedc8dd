// Package figcheck checks a draft (a briefing, a speech, a WeChat post)
// against the published figures: it finds every figure in the text, in
// Chinese or English, reads the words around it (indicator, region,
// period), and says whether the figure matches a stored one, differs from
// it (and how), fits several, or is not in the data.
//
// Numbers are compared exactly, as decimals (math/big), never as floats
// with a tolerance: 9500 is not 9501, whatever the rounding.
package figcheck

import (
	"context"
	"errors"
	"math/big"
	"sort"
	"strings"

	"districtstats/figure"
	"districtstats/period"
	"districtstats/press"
	"districtstats/queries"
)

// Catalog is what a text is checked against: the snapshot's indicators,
// regions, observations (every vintage), policy measures and sources, as
// plain values. Build it once per snapshot; Check only reads it.
type Catalog struct {
	Home       string // the region a text means when it names none (全区, "the district")
	indicators []*indicator
	regions    []queries.Region
	regionByID map[string]*queries.Region
	indByID    map[string]*indicator
	series     map[seriesKey][]*stored // every vintage, by indicator and region
	measures   []*measure
	regionRefs []regionRef
}

type seriesKey struct{ indicator, region string }

// indicator is an indicator with the terms a text may call it by.
type indicator struct {
	queries.Indicator
	terms []term
}

// stored is one observation with its value as an exact decimal.
type stored struct {
	queries.Observation
	digits string // the value as published: "9501", "7.66"
	val    *big.Rat
	end    string // the period's last day, for "latest" without a stated period
}

// measure is a policy measure with an amount.
type measure struct {
	queries.PolicyMeasure
	cite   press.Cite
	terms  []term
	unit   unitSpec // the amount's unit: scale and base ("万元/人" = 10^4 元)
	lo, hi *big.Rat // hi is nil unless the amount is a range
}

// Indicators, Regions, Observations, Measures and Sources are the rows a
// catalog is built from (as the queries package returns them).
type Rows struct {
	Indicators   []queries.Indicator
	Regions      []queries.Region
	Observations []queries.Observation
	Measures     []queries.PolicyMeasure
	Sources      []queries.Source
	// Home is the district the data are about (data/dashboard.yaml's
	// home_region); empty: the district cited by the most sources.
	Home string
	// Aliases adds names a text may use for an indicator, by indicator id,
	// beyond its Chinese and English names and the standard abbreviations.
	Aliases map[string][]string
}

// Load reads a catalog from a snapshot.
func Load(ctx context.Context, q queries.Querier) (*Catalog, error) {
	var rows Rows
	var err error
	if rows.Indicators, err = queries.Indicators(ctx, q); err != nil {
		return nil, err
	}
	if rows.Regions, err = queries.Regions(ctx, q); err != nil {
		return nil, err
	}
	if rows.Observations, err = queries.Observations(ctx, q, queries.Filter{}); err != nil {
		return nil, err
	}
	if rows.Measures, err = queries.PolicyMeasures(ctx, q); err != nil {
		return nil, err
	}
	if rows.Sources, err = queries.Sources(ctx, q); err != nil {
		return nil, err
	}
	if rows.Aliases, err = queries.Aliases(ctx, q); err != nil {
		return nil, err
	}
	def, err := queries.DashboardDefinition(ctx, q)
	switch {
	case err == nil:
		rows.Home = def.Site.HomeRegion
	case !errors.Is(err, queries.ErrNoDefinition):
		return nil, err
	}
	return New(rows), nil
}

// New builds a catalog from rows.
func New(rows Rows) *Catalog {
	c := &Catalog{regionByID: map[string]*queries.Region{}, indByID: map[string]*indicator{}, series: map[seriesKey][]*stored{}}
	for _, i := range rows.Indicators {
		ind := &indicator{Indicator: i}
		names := append([]string{i.NameZh, i.NameEn, press.IndicatorShort(i), withoutParenthetical(i.NameEn),
			withoutParenthetical(i.NameZh)}, rows.Aliases[i.ID]...)
		for _, n := range expandAbbreviations(names) {
			if t := newTerm(n); len(t.units) > 0 {
				ind.terms = append(ind.terms, t)
			}
		}
		c.indicators = append(c.indicators, ind)
		c.indByID[i.ID] = ind
	}
	c.regions = rows.Regions
	for i := range c.regions {
		c.regionByID[c.regions[i].ID] = &c.regions[i]
	}
	count := map[string]int{}
	sources := map[string]map[string]bool{}
	for _, o := range rows.Observations {
		d := figure.Digits(o.Value)
		v, ok := new(big.Rat).SetString(d)
		if !ok {
			continue
		}
		s := &stored{Observation: o, digits: d, val: v, end: o.End.Format("2006-01-02")}
		if o.End.IsZero() {
			if p, err := period.Parse(o.Period); err == nil {
				s.end = p.End.Format("2006-01-02")
			}
		}
		k := seriesKey{o.Indicator, o.Region}
		c.series[k] = append(c.series[k], s)
		count[o.Region]++
		if sources[o.Region] == nil {
			sources[o.Region] = map[string]bool{}
		}
		sources[o.Region][o.Source] = true
	}
	for _, ss := range c.series {
		sort.SliceStable(ss, func(a, b int) bool {
			if ss[a].end != ss[b].end {
				return ss[a].end < ss[b].end
			}
			return vintageLess(ss[a], ss[b])
		})
	}
	// The home region is the district the publications are about: the
	// lowest-level region cited by the most sources (data/ decides, not
	// code); more figures break a tie.
	best := [2]int{-1, -1}
	if _, ok := c.regionByID[rows.Home]; ok {
		c.Home, best = rows.Home, [2]int{1 << 30, 0}
	}
	for _, r := range c.regions {
		if count[r.ID] == 0 {
			continue
		}
		score := [2]int{len(sources[r.ID]) * (1 + levelRank(r.Level)), count[r.ID]}
		if score[0] > best[0] || score[0] == best[0] && score[1] > best[1] {
			best, c.Home = score, r.ID
		}
	}
	srcByID := map[string]queries.Source{}
	for _, s := range rows.Sources {
		srcByID[s.ID] = s
	}
	for _, m := range rows.Measures {
		if m.Amount == "" {
			continue
		}
		mm := &measure{PolicyMeasure: m}
		s := srcByID[m.Source]
		mm.cite = press.Cite{ID: s.ID, Title: s.Title, Publisher: s.Publisher, PublisherEn: s.PublisherEn, Published: s.Published, URL: s.URL}
		u, ok := parseUnit(strings.TrimSuffix(strings.TrimSuffix(m.UnitZh, "/人"), "/年"))
		if !ok {
			continue
		}
		mm.unit = u
		lo, hi, isRange := strings.Cut(m.Amount, "-")
		var okLo bool
		if mm.lo, okLo = exact(lo); !okLo {
			continue
		}
		if isRange {
			if mm.hi, okLo = exact(hi); !okLo {
				continue
			}
		}
		for _, n := range []string{m.MeasureZh, m.MeasureEn} {
			if t := newTerm(n); len(t.units) > 0 {
				mm.terms = append(mm.terms, t)
			}
		}
		c.measures = append(c.measures, mm)
	}
	c.regionRefs = regionRefsOf(c)
	return c
}

// levelRank weighs lower levels higher when choosing the home region.
func levelRank(level string) int {
	return map[string]int{"district": 3, "city": 2, "province": 1}[level]
}

// statusRank orders vintages published the same day: a revision outranks a
// final figure, which outranks a preliminary one.
var statusRank = map[string]int{"revised": 4, "final": 3, "preliminary": 2, "unknown": 1}

// vintageLess orders two figures of one period oldest first: by the last
// day their publication date allows (undated first), then by status.
func vintageLess(a, b *stored) bool {
	pa, pb := lastDay(a.SourcePublished), lastDay(b.SourcePublished)
	if pa != pb {
		return pa < pb
	}
	return statusRank[a.Status] < statusRank[b.Status]
}

// lastDay is the last day a partial date allows: "2025-12" -> "2025-12-31".
// Empty stays empty (sorts first: an undated figure is never the newest by
// date).
func lastDay(d string) string {
	switch strings.Count(d, "-") {
	case 0:
		if d == "" {
			return ""
		}
		return d + "-12-31"
	case 1:
		return d + "-31"
	}
	return d
}

// exact reads a plain decimal string.
func exact(s string) (*big.Rat, bool) {
	if s == "" || strings.ContainsAny(s, "eE/+_ ") {
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

func (c *Catalog) region(id string) queries.Region {
	if r, ok := c.regionByID[id]; ok {
		return *r
	}
	return queries.Region{ID: id, NameZh: id, NameEn: id}
}

// parentOf is a region's parent id ("" at the top).
func (c *Catalog) parentOf(id string) string {
	if r, ok := c.regionByID[id]; ok {
		return r.Parent
	}
	return ""
}

// withoutParenthetical drops a trailing remark in parentheses: "High-level
// talent (academicians and distinguished experts)" is called "high-level
// talent".
func withoutParenthetical(n string) string {
	for _, open := range []string{" (", "（", "("} {
		if i := strings.LastIndex(n, open); i > 0 && (strings.HasSuffix(n, ")") || strings.HasSuffix(n, "）")) {
			return strings.TrimSpace(n[:i])
		}
	}
	return n
}
