package queries

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
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
	// pairs, when set, keeps only these "indicator/region" combinations of
	// Indicators x Regions (a union of filters: see ObservationsPerFilter).
	pairs []string
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

// query is the key of a figures query for f: as of now, the variant that
// reads the latest flag ingest stored; as of a date, the one that ranks.
func (f Filter) query(name string) string {
	if f.AsOf.IsZero() {
		return name + nowSuffix
	}
	return name
}

// EachObservation streams the observations f selects, in indicator, region
// and period order, without holding them all in memory.
func EachObservation(ctx context.Context, q Querier, f Filter, fn func(*Observation) error) error {
	return eachObservation(ctx, q, f, func(o *Observation, _ order) error { return fn(o) })
}

// order is a row's indicator and region in file order.
type order struct{ indicator, region int }

// eachOrdered runs the observations query by key (see Filter.query).
func eachOrdered(ctx context.Context, q Querier, key string, f Filter, fn func(*Observation, order) error) error {
	var o Observation
	var ord order
	return each(ctx, q, key, func(r *sql.Rows) error {
		if err := r.Scan(&o.Indicator, &o.Region, &o.Period, &o.Freq, &o.Start, &o.End, &o.Value, &o.Qualifier,
			&o.Status, &o.Source, &o.Note, &o.SourceTitle, &o.SourcePublisher, &o.SourcePublisherEn, &o.SourcePublished, &o.SourceURL, &o.Latest, &o.PeriodStated, &o.SourceTitleGiven, &o.SourceCopy, &ord.indicator, &ord.region); err != nil {
			return err
		}
		return fn(&o, ord)
	}, f.args()...)
}

// Observations returns the observations f selects.
func Observations(ctx context.Context, q Querier, f Filter) ([]Observation, error) {
	out, _, err := observations(ctx, q, f)
	return out, err
}

// observations is the observations f selects with their file order, in
// observations.sql's order.
func observations(ctx context.Context, q Querier, f Filter) ([]Observation, []order, error) {
	if f.AsOf.IsZero() {
		return sortedFigures(ctx, q, f)
	}
	var out []Observation
	var ords []order
	err := eachOrdered(ctx, q, "observations", f, func(o *Observation, ord order) error {
		out, ords = append(out, *o), append(ords, ord)
		return nil
	})
	return out, ords, err
}

// eachObservation gives the observations f selects, in observations.sql's
// order. As of now (every page) it reads figures.sql, which touches only
// the observations table, and joins, bounds and sorts the rows here with
// the periods, citations and file order read once per snapshot (see
// figureContext); as of a date it runs observations.sql, which ranks the
// vintages in DuckDB. TestObservationsMatchRanked holds the two to the
// same rows, fields and order.
func eachObservation(ctx context.Context, q Querier, f Filter, fn func(*Observation, order) error) error {
	if !f.AsOf.IsZero() {
		return eachOrdered(ctx, q, "observations", f, fn)
	}
	rows, ords, err := sortedFigures(ctx, q, f)
	if err != nil {
		return err
	}
	for i := range rows {
		if err := fn(&rows[i], ords[i]); err != nil {
			return err
		}
	}
	return nil
}

// sortedFigures is eachObservation's answer as of now: figures.sql's rows,
// joined and sorted (figuresOf), then bounded to f's periods here, by day
// as observations.sql bounds DATEs. The rows are the caller's own copy.
func sortedFigures(ctx context.Context, q Querier, f Filter) ([]Observation, []order, error) {
	all, allOrds, err := figuresOf(ctx, q, f)
	if err != nil {
		return nil, nil, err
	}
	dayOf := func(t time.Time) time.Time {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	from, to := dayOf(f.From), dayOf(f.To)
	rows, ords := make([]Observation, 0, len(all)), make([]order, 0, len(all))
	for i := range all {
		o := &all[i]
		if (!f.From.IsZero() && o.Start.Before(from)) || (!f.To.IsZero() && o.End.After(to)) {
			continue
		}
		rows, ords = append(rows, *o), append(ords, allOrds[i])
	}
	return rows, ords, nil
}

// figuresOf answers figures.sql for f's ids, latest_only and pairs (its
// period bounds are not the query's), joined with the figure context and
// sorted in observations.sql's order. Through a DB it keeps the answer in
// the snapshot's result cache: the snapshot never changes, so the same
// parameters always get the same rows. The slices are shared: read only.
func figuresOf(ctx context.Context, q Querier, f Filter) ([]Observation, []order, error) {
	args := []any{strings.Join(f.Indicators, ","), strings.Join(f.Regions, ","), f.LatestOnly, strings.Join(f.pairs, ",")}
	d, _ := q.(*DB)
	cacheKey := fmt.Sprintf("figures\x00%s\x00%s\x00%v\x00%s", args...)
	if d != nil {
		if a, ok := d.results.get(cacheKey); ok {
			return a.rows, a.ords, nil
		}
	}
	fc, err := contextOf(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	// key is a row's place in observations.sql's ORDER BY: ids in the order
	// the filter names them (list_position: 0 when it names none), then
	// file order, then the period's end and start, undated sources first
	// (NULLS FIRST), then source id.
	type key struct {
		indPos, indOrd, regPos, regOrd int
		end, start                     int64 // Unix seconds
		dated                          bool  // the source has a date: undated first
		last                           int64 // the source's published_last, Unix seconds
	}
	posOf := func(list []string) map[string]int {
		m := make(map[string]int, len(list))
		for i, id := range list {
			m[id] = i + 1
		}
		return m
	}
	indPos, regPos := posOf(f.Indicators), posOf(f.Regions)
	var rows []Observation
	var keys []key
	var o Observation
	err = each(ctx, q, "figures", func(r *sql.Rows) error {
		if err := r.Scan(&o.Indicator, &o.Region, &o.Period, &o.Value, &o.Qualifier, &o.Status, &o.Source, &o.Note, &o.PeriodStated, &o.Latest); err != nil {
			return err
		}
		p, ok := fc.periods[o.Period]
		if !ok {
			return fmt.Errorf("period %q is not in the periods table", o.Period)
		}
		c, ok := fc.citations[o.Source]
		if !ok {
			return fmt.Errorf("source %q is not in the sources table", o.Source)
		}
		o.Freq, o.Start, o.End = p.freq, p.start, p.end
		o.SourceTitle, o.SourcePublisher, o.SourcePublisherEn, o.SourcePublished = c.title, c.publisher, c.publisherEn, c.published
		o.SourceURL, o.SourceTitleGiven, o.SourceCopy = c.url, c.titleGiven, c.copy
		rows = append(rows, o)
		keys = append(keys, key{indPos[o.Indicator], fc.indicatorOrd[o.Indicator], regPos[o.Region], fc.regionOrd[o.Region],
			p.end.Unix(), p.start.Unix(), !c.publishedLast.IsZero(), c.publishedLast.Unix()})
		return nil
	}, args...)
	if err != nil {
		return nil, nil, err
	}
	idx := make([]int32, len(rows)) // sort small indexes, not whole rows
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		a, b := &keys[i], &keys[j]
		return cmp.Or(
			cmp.Compare(a.indPos, b.indPos), cmp.Compare(a.indOrd, b.indOrd),
			cmp.Compare(a.regPos, b.regPos), cmp.Compare(a.regOrd, b.regOrd),
			cmp.Compare(a.end, b.end), cmp.Compare(a.start, b.start),
			compareBool(a.dated, b.dated), cmp.Compare(a.last, b.last),
			strings.Compare(rows[i].Source, rows[j].Source))
	})
	sorted, ords := make([]Observation, len(rows)), make([]order, len(rows))
	for k, i := range idx {
		sorted[k], ords[k] = rows[i], order{keys[i].indOrd, keys[i].regOrd}
	}
	if d != nil {
		d.results.put(cacheKey, &answer{rows: sorted, ords: ords})
	}
	return sorted, ords, nil
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// figureContext is what figures.sql's rows are joined with: small tables
// read once per snapshot through a DB, or once per call otherwise.
type figureContext struct {
	periods                 map[string]periodSpan
	citations               map[string]citation
	indicatorOrd, regionOrd map[string]int
}

type periodSpan struct {
	freq       string
	start, end time.Time
}

type citation struct {
	title, publisher, publisherEn, published, url string
	publishedLast                                 time.Time // zero when undated
	titleGiven, copy                              bool
}

// contextOf is q's figure context: kept by a DB (its snapshot never
// changes), read afresh from any other Querier.
func contextOf(ctx context.Context, q Querier) (*figureContext, error) {
	d, ok := q.(*DB)
	if !ok {
		return loadFigureContext(ctx, q)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.figures == nil {
		fc, err := loadFigureContext(ctx, d.DB)
		if err != nil {
			return nil, err
		}
		d.figures = fc
	}
	return d.figures, nil
}

func loadFigureContext(ctx context.Context, q Querier) (*figureContext, error) {
	fc := &figureContext{periods: map[string]periodSpan{}, citations: map[string]citation{},
		indicatorOrd: map[string]int{}, regionOrd: map[string]int{}}
	err := each(ctx, q, "periods", func(r *sql.Rows) error {
		var id string
		var p periodSpan
		if err := r.Scan(&id, &p.freq, &p.start, &p.end); err != nil {
			return err
		}
		fc.periods[id] = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, q, "citations", func(r *sql.Rows) error {
		var id string
		var c citation
		var last sql.NullTime
		if err := r.Scan(&id, &c.title, &c.publisher, &c.publisherEn, &c.published, &last, &c.url, &c.titleGiven, &c.copy); err != nil {
			return err
		}
		c.publishedLast = last.Time
		fc.citations[id] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, q, "file_order", func(r *sql.Rows) error {
		var kind, id string
		var ord int
		if err := r.Scan(&kind, &id, &ord); err != nil {
			return err
		}
		if kind == "indicator" {
			fc.indicatorOrd[id] = ord
		} else {
			fc.regionOrd[id] = ord
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return fc, nil
}
