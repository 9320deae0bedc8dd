// Package transform derives changes from published levels: change,
// pct_change and yoy_pct, per indicator/region series of one frequency,
// after the latest vintage is chosen. It never invents a figure: a change
// across a gap is a gap, a change from a bound ("more than 6500") is a gap,
// and a change from an "about" figure is itself "about".
package transform

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"districtstats/figure"
	"districtstats/period"
	"districtstats/queries"
)

// Names of the transforms, in the order the UI offers them.
const (
	Level     = "level"
	Change    = "change"
	PctChange = "pct_change"
	YoYPct    = "yoy_pct"
)

// Valid lists the transforms.
var Valid = []string{Level, Change, PctChange, YoYPct}

// Row is an observation as exported: a published level, or a value derived
// from two of them. Null rows are gaps that keep their period, with Note
// saying why there is no value.
type Row struct {
	queries.Observation        // Source, Status, Note and Qualifier are the derived row's
	Transform           string // "level" for published figures
	Unit                string // unit code of Value; "" means the indicator's own
	Base                string // the period compared with
	BaseSource          string // the source of the base figure
	Null                bool   // no value: a gap
}

// Derived reports whether the row's value is computed, not published.
func (r *Row) Derived() bool { return r.Transform != "" && r.Transform != Level }

// Levels wraps published observations as rows, unchanged.
func Levels(obs []queries.Observation) []Row {
	out := make([]Row, len(obs))
	for i, o := range obs {
		out[i] = Row{Observation: o, Transform: Level}
	}
	return out
}

// Indicators looks an indicator up (nil when unknown): its unit code gives
// the unit of a change of a percentage (percentage points), its price basis
// says whether a rate is nominal.
type Indicators func(id string) *queries.Indicator

// Apply derives t from obs. Only the latest vintage of each period is used;
// point-in-time ("as of") figures, ranges and targets are not transformed and
// leave no row. Rows come out in the order of obs.
func Apply(t string, obs []queries.Observation, indicator Indicators) ([]Row, error) {
	switch t {
	case "", Level:
		return Levels(obs), nil
	case Change, PctChange, YoYPct:
	default:
		return nil, fmt.Errorf("transform %q: use one of %s", t, strings.Join(Valid, ", "))
	}
	type key struct{ indicator, region, period string }
	byKey := map[key]*queries.Observation{}
	for i := range obs {
		o := &obs[i]
		if o.Latest && o.Status != "target" {
			byKey[key{o.Indicator, o.Region, o.Period}] = o
		}
	}
	var out []Row
	for i := range obs {
		o := obs[i]
		if !o.Latest || o.Status == "target" {
			continue
		}
		p, err := period.Parse(o.Period)
		if err != nil {
			return nil, err
		}
		if p.Freq == period.Point || p.Freq == period.Range {
			continue
		}
		var ind *queries.Indicator
		if indicator != nil {
			ind = indicator(o.Indicator)
		}
		r := Row{Observation: o, Transform: t, Unit: "percent"}
		if t == Change {
			r.Unit = ""
			if ind != nil && ind.Unit == "percent" {
				r.Unit = "percentage_point"
			}
		}
		prev, ok := p.Previous(t == YoYPct)
		if !ok {
			out = append(out, gap(r, "no previous period of the same kind to compare with"))
			continue
		}
		r.Base = prev
		b, ok := byKey[key{o.Indicator, o.Region, prev}]
		if !ok || b.Freq != o.Freq {
			out = append(out, gap(r, "no figure for "+prev+": a gap stays a gap"))
			continue
		}
		r.BaseSource = b.Source
		q, why := qualifier(o.Qualifier, b.Qualifier)
		if why != "" {
			out = append(out, gap(r, why))
			continue
		}
		r.Qualifier, r.Status = q, status(o.Status, b.Status)
		switch t {
		case Change:
			r.Value = difference(o.Value, b.Value)
		default:
			if b.Value == 0 {
				out = append(out, gap(r, "the figure for "+prev+" is zero: no percent change"))
				continue
			}
			r.Value = difference(o.Value, b.Value) * 100 / b.Value
		}
		r.Note = fmt.Sprintf("derived (%s): %s vs %s; sources %s and %s", t, o.Period, prev, o.Source, b.Source)
		if t != Change && Nominal(ind) {
			r.Note += "; nominal: computed from current-price levels"
			if ind.RealGrowth != "" {
				r.Note += ", not the published real growth (" + ind.RealGrowth + ")"
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func gap(r Row, why string) Row {
	r.Null, r.Value, r.Note = true, 0, "derived ("+r.Transform+"): "+why
	r.Qualifier, r.Status = "", ""
	return r
}

// qualifier combines the qualifiers of two inputs: exact with exact is
// exact; "about" anywhere gives "about"; a bound (more than, nearly, at
// least, at most) gives no value at all, since the change is unknowable.
func qualifier(a, b string) (string, string) {
	switch {
	case a == "exact" && b == "exact":
		return "exact", ""
	case (a == "exact" || a == "about") && (b == "exact" || b == "about"):
		return "about", ""
	}
	bound := a
	if a == "exact" || a == "about" {
		bound = b
	}
	return "", "an input is a bound (" + bound + "), so the change is unknown"
}

// status of a derived value: preliminary if either input is; the shared
// status when both agree; otherwise unknown.
func status(a, b string) string {
	switch {
	case a == "preliminary" || b == "preliminary":
		return "preliminary"
	case a == b:
		return a
	}
	return "unknown"
}

// difference subtracts exactly: the result has no more decimals than the
// inputs, so 3206.57 - 3000.1 is 206.47, not 206.46999999999980.
func difference(a, b float64) float64 {
	d := max(decimals(a), decimals(b))
	v, _ := strconv.ParseFloat(strconv.FormatFloat(a-b, 'f', d, 64), 64)
	return v
}

func decimals(v float64) int {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// Select is the one way every surface — pages, twins, API, reports and
// the command line — gets the rows for filter f and transform t, so that
// one question has one answer. A level is the figures f selects. A change
// needs the figure before the first period asked for (a 2021 change
// compares with 2020, as FRED computes before trimming to the window), so
// the series is read from its start, transformed, then trimmed to f.From.
func Select(ctx context.Context, q queries.Querier, f queries.Filter, t string, indicator Indicators) ([]Row, error) {
	if t == "" || t == Level {
		obs, err := queries.Observations(ctx, q, f)
		return Levels(obs), err
	}
	from := f.From
	f.From, f.LatestOnly = time.Time{}, true
	obs, err := queries.Observations(ctx, q, f)
	if err != nil {
		return nil, err
	}
	rows, err := Apply(t, obs, indicator)
	if err != nil || from.IsZero() {
		return rows, err
	}
	kept := rows[:0]
	for _, r := range rows {
		if !r.Start.Before(from) {
			kept = append(kept, r)
		}
	}
	return kept, nil
}

// names are the transforms' labels, in both languages: the one list that
// headers, chart titles, form choices and file names use.
var names = map[string][2]string{
	Level:     {"水平值", "level"},
	Change:    {"比上期变化", "change on the previous period"},
	PctChange: {"比上期变化率", "percent change on the previous period"},
	YoYPct:    {"同比变化率", "percent change on a year earlier"},
}

// Nominal says whether a rate computed from ind's levels is nominal growth:
// its levels are at current prices (indicators.csv, price_basis).
func Nominal(ind *queries.Indicator) bool { return ind != nil && ind.PriceBasis == "current" }

// Name labels transform t in lang. nominal marks a rate computed from
// current-price levels (GDP at current prices): it is nominal growth, not
// the real growth statistics offices publish.
func Name(t string, nominal bool, lang figure.Lang) string {
	n, ok := names[t]
	if !ok {
		return t
	}
	rate := t == PctChange || t == YoYPct
	if lang == figure.En {
		if nominal && rate {
			return "nominal " + n[1] + " (from current-price levels)"
		}
		return n[1]
	}
	if nominal && rate {
		return "名义" + n[0] + "，按现价计算"
	}
	return n[0]
}

// UnitOf is the unit of a row's value: the indicator's own for a level or a
// change, percent for a rate, percentage points for a change of a percent.
func (r *Row) UnitOf(indicator figure.Unit) figure.Unit {
	switch r.Unit {
	case "percent":
		return figure.Unit{Code: "percent", Zh: "%", En: "%"}
	case "percentage_point":
		return figure.Unit{Code: "percentage_point", Zh: "个百分点", En: "percentage points"}
	}
	return indicator
}
