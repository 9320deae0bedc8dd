// Package transform derives changes from published levels: change,
// pct_change and yoy_pct, per indicator/region series of one frequency,
// after the latest vintage is chosen. It never invents a figure: a change
// across a gap is a gap, a change from a bound ("more than 6500") is a gap,
// and a change from an "about" figure is itself "about".
package transform

import (
	"fmt"
	"strconv"
	"strings"

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

// Apply derives t from obs. Only the latest vintage of each period is used;
// point-in-time ("as of") figures, ranges and targets are not transformed and
// leave no row. unitOf gives an indicator's unit code (for the unit of a
// change of a percentage, which is percentage points). Rows come out in
// the order of obs.
func Apply(t string, obs []queries.Observation, unitOf func(indicator string) string) ([]Row, error) {
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
		r := Row{Observation: o, Transform: t, Unit: "percent"}
		if t == Change {
			r.Unit = ""
			if unitOf != nil && unitOf(o.Indicator) == "percent" {
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
