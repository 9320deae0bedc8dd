package queries

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Observation is one figure with its period and source.
type Observation struct {
	Indicator, Region, Period string
	Freq                      string    // see package period
	Start, End                time.Time // the span the period covers
	Value                     float64
	Qualifier, Status         string
	Source, Note              string
	SourceTitle               string
	SourcePublisher           string
	SourcePublisherEn         string
	SourcePublished           string // as written; may be partial or empty
	SourceURL                 string
	Latest                    bool // the latest vintage of its indicator/region/period
	// PeriodStated is what the source said about the period: "" it stated
	// it; "no" it did not (Period is inferred, for charts); "recent" an
	// undated recent span; "within 3-5 years" a target's horizon.
	PeriodStated string
	// SourceTitleGiven is false when SourceTitle is a description, not the
	// publication's headline; SourceCopy when the URL is a copy on another
	// site of the publisher's article.
	SourceTitleGiven, SourceCopy bool
}

// Filter selects observations. Zero values select everything.
type Filter struct {
	Indicators []string  // ids, already checked against the snapshot
	Regions    []string  // ids, already checked against the snapshot
	From, To   time.Time // periods starting on/after From and ending on/before To
	AsOf       time.Time // only sources published by this date (vintages, as ALFRED)
	LatestOnly bool      // one row per indicator/region/period: the latest vintage
}

func (f Filter) args() []any {
	date := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.Format("2006-01-02")
	}
	return []any{strings.Join(f.Indicators, ","), strings.Join(f.Regions, ","), date(f.From), date(f.To), date(f.AsOf), f.LatestOnly}
}

// EachObservation streams the observations f selects, in indicator, region
// and period order, without holding them all in memory.
func EachObservation(ctx context.Context, q Querier, f Filter, fn func(*Observation) error) error {
	return eachOrdered(ctx, q, f, func(o *Observation, _ order) error { return fn(o) })
}

// order is a row's indicator and region in file order.
type order struct{ indicator, region int }

func eachOrdered(ctx context.Context, q Querier, f Filter, fn func(*Observation, order) error) error {
	var o Observation
	var ord order
	return each(ctx, q, "observations", func(r *sql.Rows) error {
		if err := r.Scan(&o.Indicator, &o.Region, &o.Period, &o.Freq, &o.Start, &o.End, &o.Value, &o.Qualifier,
			&o.Status, &o.Source, &o.Note, &o.SourceTitle, &o.SourcePublisher, &o.SourcePublisherEn, &o.SourcePublished, &o.SourceURL, &o.Latest, &o.PeriodStated, &o.SourceTitleGiven, &o.SourceCopy, &ord.indicator, &ord.region); err != nil {
			return err
		}
		return fn(&o, ord)
	}, f.args()...)
}

// Observations returns the observations f selects.
func Observations(ctx context.Context, q Querier, f Filter) ([]Observation, error) {
	var out []Observation
	err := EachObservation(ctx, q, f, func(o *Observation) error {
		out = append(out, *o)
		return nil
	})
	return out, err
}
