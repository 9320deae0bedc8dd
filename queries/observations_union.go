package queries

import (
	"context"
	"slices"
	"sort"
	"time"
)

// ObservationsPerFilter answers several filters with one query, what a page
// of several charts needs: a query costs milliseconds of DuckDB planning and
// scheduling however few rows it reads. It selects the union of the
// filters' indicators and regions over the widest period range and splits
// the rows per filter in memory by the rules of observations.sql (ids,
// period bounds) and in its order. The latest flag depends only on a row's
// indicator, region, period and as_of (ranked_observations partitions by
// them), so the union leaves it as each filter's own query would, and a
// filter of latest vintages only keeps the rows flagged latest. Filters
// that differ in AsOf are answered one query each.
func ObservationsPerFilter(ctx context.Context, q Querier, fs []Filter) ([][]Observation, error) {
	out := make([][]Observation, len(fs))
	if len(fs) == 0 {
		return out, nil
	}
	for _, f := range fs[1:] {
		if !f.AsOf.Equal(fs[0].AsOf) {
			for i, f := range fs {
				obs, err := Observations(ctx, q, f)
				if err != nil {
					return nil, err
				}
				out[i] = obs
			}
			return out, nil
		}
	}
	all, ords, err := observations(ctx, q, union(fs))
	if err != nil {
		return nil, err
	}
	for i, f := range fs {
		out[i] = f.pick(all, ords)
	}
	return out, nil
}

// union is a filter selecting every row any of fs selects.
func union(fs []Filter) Filter {
	u := Filter{AsOf: fs[0].AsOf, LatestOnly: true, From: fs[0].From, To: fs[0].To}
	allInd, allReg := false, false
	for _, f := range fs {
		u.LatestOnly = u.LatestOnly && f.LatestOnly
		allInd = allInd || len(f.Indicators) == 0
		allReg = allReg || len(f.Regions) == 0
		for _, id := range f.Indicators {
			if !slices.Contains(u.Indicators, id) {
				u.Indicators = append(u.Indicators, id)
			}
		}
		for _, id := range f.Regions {
			if !slices.Contains(u.Regions, id) {
				u.Regions = append(u.Regions, id)
			}
		}
		if f.From.IsZero() || (!u.From.IsZero() && dayOf(f.From).Before(dayOf(u.From))) {
			u.From = f.From
		}
		if f.To.IsZero() || (!u.To.IsZero() && dayOf(f.To).After(dayOf(u.To))) {
			u.To = f.To
		}
	}
	if allInd {
		u.Indicators = nil
	}
	if allReg {
		u.Regions = nil
	}
	if !allInd && !allReg {
		// Only the combinations some filter asks for: a chart of ten
		// districts' GDP and one of five shares of the home region need
		// 15 series, not 6 x 11.
		for _, f := range fs {
			for _, i := range f.Indicators {
				for _, r := range f.Regions {
					if p := (seriesID{i, r}); !slices.Contains(u.pairs, p) {
						u.pairs = append(u.pairs, p)
					}
				}
			}
		}
	}
	return u
}

// dayOf is t's day, as a bound reaches the query (a DATE): compared as
// times, not formatted, since pick compares every row with it.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// pick is the rows of all (a union's answer) that f selects, in the order
// observations.sql gives f: indicators and regions as f names them (else
// file order), then each series' own order, which the union kept.
func (f Filter) pick(all []Observation, ords []order) []Observation {
	var rows []int
	from, to := dayOf(f.From), dayOf(f.To)
	for k := range all {
		o := &all[k]
		if (o.Latest || !f.LatestOnly) &&
			(len(f.Indicators) == 0 || slices.Contains(f.Indicators, o.Indicator)) &&
			(len(f.Regions) == 0 || slices.Contains(f.Regions, o.Region)) &&
			(f.From.IsZero() || !dayOf(o.Start).Before(from)) &&
			(f.To.IsZero() || !dayOf(o.End).After(to)) {
			rows = append(rows, k)
		}
	}
	// list_position: 1-based, 0 for a list left empty.
	pos := func(list []string, id string) int { return slices.Index(list, id) + 1 }
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := &all[rows[i]], &all[rows[j]]
		oa, ob := ords[rows[i]], ords[rows[j]]
		if pa, pb := pos(f.Indicators, a.Indicator), pos(f.Indicators, b.Indicator); pa != pb {
			return pa < pb
		}
		if oa.indicator != ob.indicator {
			return oa.indicator < ob.indicator
		}
		if pa, pb := pos(f.Regions, a.Region), pos(f.Regions, b.Region); pa != pb {
			return pa < pb
		}
		return oa.region < ob.region
	})
	out := make([]Observation, 0, len(rows))
	for _, k := range rows {
		out = append(out, all[k])
	}
	return out
}
