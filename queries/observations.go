package queries

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
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
	// pairs, when set, keeps only these combinations of Indicators x
	// Regions (a union of filters: see ObservationsPerFilter).
	pairs []seriesID
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

// Later reports whether a is a later figure of its series than b: the one
// rule for "the latest figure" wherever a page states one (overview cards,
// indicator pages, tiles, briefings). The period that ends later wins; of
// two that end on the same day, the longer (the year before its second
// half, or before a stock on its last day); of two of one span (2024 and
// 2024-01/2024-12), the notation that sorts first. Callers keep targets
// apart as they need.
func Later(a, b *Observation) bool {
	return laterPeriod(a.End, a.Start, a.Period, b.End, b.Start, b.Period)
}

func laterPeriod(aEnd, aStart time.Time, aPeriod string, bEnd, bStart time.Time, bPeriod string) bool {
	if !aEnd.Equal(bEnd) {
		return aEnd.After(bEnd)
	}
	if !aStart.Equal(bStart) {
		return aStart.Before(bStart)
	}
	return aPeriod < bPeriod
}

// LastFigures returns, per indicator and region of f, its latest figure and
// its latest target (by Later), of the latest vintages and within f's
// period bounds, in observations.sql's order: what a briefing states. As of
// now it picks them among figuresOf's compact rows and builds Observations
// for those alone: at 10M a topic's briefing keeps 24 of 1,680 rows, and
// building them all was most of its cost. (In DuckDB, a window or arg_max
// per series took longer than sending every row.)
func LastFigures(ctx context.Context, q Querier, f Filter) ([]Observation, error) {
	f.LatestOnly, f.pairs = true, nil
	if !f.AsOf.IsZero() {
		obs, err := Observations(ctx, q, f)
		if err != nil {
			return nil, err
		}
		var out []Observation
		for _, i := range latestOfEach(len(obs), func(i int) (seriesKey, bool) {
			return seriesKey{obs[i].Indicator, obs[i].Region, obs[i].Status == "target"}, true
		}, func(i, j int) bool { return Later(&obs[i], &obs[j]) }) {
			out = append(out, obs[i])
		}
		return out, nil
	}
	all, err := figuresOf(ctx, q, f)
	if err != nil {
		return nil, err
	}
	in := f.bounds()
	var keep []figure
	for _, i := range latestOfEach(len(all), func(i int) (seriesKey, bool) {
		r := &all[i]
		return seriesKey{r.indicator, r.region, r.status == "target"}, in(r)
	}, func(i, j int) bool {
		a, b := all[i].period, all[j].period
		return laterPeriod(a.end, a.start, a.id, b.end, b.start, b.id)
	}) {
		keep = append(keep, all[i])
	}
	out, _ := observationsOf(keep, Filter{})
	return out, nil
}

// seriesKey is what "each series' latest" is per: a target is kept apart
// from the figures.
type seriesKey struct {
	indicator, region string
	target            bool
}

// latestOfEach is, of n rows, the index of each series key's latest row
// (later(i, j): row i is later than row j) among those that count, in
// row order.
func latestOfEach(n int, key func(i int) (seriesKey, bool), later func(i, j int) bool) []int {
	best := map[seriesKey]int{}
	for i := range n {
		if k, ok := key(i); ok {
			if j, seen := best[k]; !seen || later(i, j) {
				best[k] = i
			}
		}
	}
	idx := make([]int, 0, len(best))
	for i := range n {
		if k, ok := key(i); ok && best[k] == i {
			idx = append(idx, i)
		}
	}
	return idx
}

// sortedFigures is eachObservation's answer as of now: figures.sql's rows,
// joined and sorted (figuresOf), then bounded to f's periods here, by day
// as observations.sql bounds DATEs. The rows are the caller's own copy,
// built in one allocation of the exact size: on a region's overview at 10M
// (3,500 rows) the copies and their garbage were half of the page's cost.
func sortedFigures(ctx context.Context, q Querier, f Filter) ([]Observation, []order, error) {
	all, err := figuresOf(ctx, q, f)
	if err != nil {
		return nil, nil, err
	}
	rows, ords := observationsOf(all, f)
	return rows, ords, nil
}

// bounds tells whether a figure row's period lies within f's bounds, by
// day, as observations.sql bounds DATEs.
func (f Filter) bounds() func(*figure) bool {
	from, to := dayOf(f.From), dayOf(f.To)
	return func(r *figure) bool {
		return (f.From.IsZero() || !r.period.start.Before(from)) && (f.To.IsZero() || !r.period.end.After(to))
	}
}

// observationsOf builds the Observations of figure rows within f's period
// bounds, and their file order.
func observationsOf(all []figure, f Filter) ([]Observation, []order) {
	in := f.bounds()
	n := len(all)
	if !f.From.IsZero() || !f.To.IsZero() {
		n = 0
		for i := range all {
			if in(&all[i]) {
				n++
			}
		}
	}
	rows, ords := make([]Observation, 0, n), make([]order, 0, n)
	for i := range all {
		r := &all[i]
		if n < len(all) && !in(r) {
			continue
		}
		p, c := r.period, r.citation
		rows = append(rows, Observation{
			Indicator: r.indicator, Region: r.region, Period: p.id, Freq: p.freq, Start: p.start, End: p.end,
			Value: r.value, Qualifier: r.qualifier, Status: r.status, Source: c.id, Note: r.note,
			SourceTitle: c.title, SourcePublisher: c.publisher, SourcePublisherEn: c.publisherEn,
			SourcePublished: c.published, SourceURL: c.url, Latest: r.latest, PeriodStated: r.periodStated,
			SourceTitleGiven: c.titleGiven, SourceCopy: c.copy,
		})
		ords = append(ords, r.ord)
	}
	return rows, ords
}

// figure is a row of figures.sql as figuresOf keeps it: its own columns,
// pointers to the period and citation it names (shared by every row that
// names them), and its place in file order. About a third of an
// Observation's size.
type figure struct {
	indicator, region  string
	qualifier, status  string
	note, periodStated string
	value              float64
	latest             bool
	ord                order
	period             *periodSpan
	citation           *citation
}

// figuresOf answers figures.sql for f's ids, latest_only and pairs (its
// period bounds are not the query's), joined with the figure context and
// sorted in observations.sql's order. Through a DB it keeps the answer in
// the snapshot's result cache: the snapshot never changes, so the same
// parameters always get the same rows. The slice is shared: read only.
func figuresOf(ctx context.Context, q Querier, f Filter) ([]figure, error) {
	d, _ := q.(*DB)
	cacheKey := fmt.Sprintf("figures\x00%s\x00%s\x00%v\x00%v", strings.Join(f.Indicators, ","), strings.Join(f.Regions, ","), f.LatestOnly, f.pairs)
	if d != nil {
		if a, ok := d.results.get(cacheKey); ok {
			return a.rows, nil
		}
	}
	fc, err := contextOf(ctx, q)
	if err != nil {
		return nil, err
	}
	key, text, args, some := fc.figuresQuery(f)
	if !some {
		return nil, nil // none of these ids is in the snapshot
	}
	posOf := func(list []string) map[string]int {
		m := make(map[string]int, len(list))
		for i, id := range list {
			m[id] = i + 1
		}
		return m
	}
	indPos, regPos := posOf(f.Indicators), posOf(f.Regions)
	// The rows are read into scratch space reused across queries, then
	// copied sorted into a slice of the exact size: growing a slice row by
	// row was most of the query's garbage.
	sc := scratchPool.Get().(*scratch)
	defer func() {
		clear(sc.rows) // let the driver's strings go
		sc.rows, sc.keys, sc.idx = sc.rows[:0], sc.keys[:0], sc.idx[:0]
		scratchPool.Put(sc)
	}()
	rows, keys := sc.rows, sc.keys
	var r figure
	// Columns are scanned as the driver's values and asserted here:
	// database/sql assigns a uint64 or a float64 through reflection.
	var v [6]any
	// Rows come a series at a time: the last series' ids and positions
	// serve the next row without a lookup.
	var ind, reg *catalogID
	var indP, regP int
	last := int64(-1)
	err = eachText(ctx, q, key, text, func(sr *sql.Rows) error {
		if err := sr.Scan(&v[0], &v[1], &v[2], &v[3], &v[4], &v[5]); err != nil {
			return err
		}
		var ok [4]bool
		var series int64
		series, ok[0] = v[0].(int64)
		r.value, ok[1] = v[2].(float64)
		r.note, ok[2] = v[4].(string)
		r.latest, ok[3] = v[5].(bool)
		if ok != [4]bool{true, true, true, true} {
			return fmt.Errorf("unexpected column types: series %T, value %T, note %T, latest %T", v[0], v[2], v[4], v[5])
		}
		// Each text is the context's own string: no copy per row.
		if series != last {
			if ind, reg = fc.seriesAt(series); ind == nil {
				return fmt.Errorf("series %d names no indicator and region of the snapshot", series)
			}
			indP, regP, last = indPos[ind.id], regPos[reg.id], series
		}
		var found bool
		if r.period, found = byHash(fc.periodOf, v[1]); !found {
			return fmt.Errorf("a period (hash %v) is not in the periods table", v[1])
		}
		t, found := byHash(fc.termsOf, v[3])
		if !found {
			return fmt.Errorf("a figure's qualifier, status, source and period statement (hash %v) are not among the snapshot's", v[3])
		}
		r.qualifier, r.status, r.citation, r.periodStated = t.qualifier, t.status, t.citation, t.periodStated
		r.indicator, r.region = ind.id, reg.id
		r.ord = order{ind.ord, reg.ord}
		rows = append(rows, r)
		keys = append(keys, sortKey{indP, regP,
			r.period.end.Unix(), r.period.start.Unix(), !r.citation.publishedLast.IsZero(), r.citation.publishedLast.Unix()})
		return nil
	}, args...)
	if err != nil {
		return nil, err
	}
	sc.rows, sc.keys = rows, keys
	idx := sc.idx // sort small indexes, not whole rows
	for i := range rows {
		idx = append(idx, int32(i))
	}
	idx, sc.spare = sortFigures(idx, sc.spare, rows, keys)
	sc.idx = idx
	sorted := make([]figure, len(rows))
	for k, i := range idx {
		sorted[k] = rows[i]
	}
	if d != nil {
		d.results.put(cacheKey, &answer{rows: sorted})
	}
	return sorted, nil
}

// figuresQuery is how figuresOf asks figures.sql for f: a variant's key
// and its arguments, or a text written for f's series (seriesText, no
// arguments). some is false when none of f's ids is in the snapshot.
func (fc *figureContext) figuresQuery(f Filter) (key, text string, args []any, some bool) {
	key = "figures"
	var series []int64
	if len(f.Indicators) > 0 && len(f.Regions) > 0 {
		if series = fc.seriesOf(f); len(series) == 0 {
			return "", "", nil, false
		}
		if text, ok := seriesText(series, f.LatestOnly); ok {
			return key, text, nil, true
		}
	}
	if len(series) > 0 && len(f.Regions) > 1 {
		// Several regions: their series by number (figures.sql).
		return key + bySeries, "", []any{"", "", f.LatestOnly, joinInts(series)}, true
	}
	if len(f.Indicators) == 1 {
		key += oneIndicator
	}
	if len(f.Regions) == 1 {
		key += oneRegion
	}
	return key, "", []any{strings.Join(f.Indicators, ","), strings.Join(f.Regions, ","), f.LatestOnly, ""}, true
}

// sortKey is a row's place in observations.sql's ORDER BY, with its file
// order (figure.ord): ids in the order the filter names them
// (list_position: 0 when it names none), then file order, then the
// period's end and start, undated sources first (NULLS FIRST), then source
// id, then the period's notation (two of one span from one source).
type sortKey struct {
	indPos, regPos int
	end, start     int64 // Unix seconds
	dated          bool  // the source has a date: undated first
	last           int64 // the source's published_last, Unix seconds
}

// scratch is figuresOf's working space, kept between queries.
type scratch struct {
	rows  []figure
	keys  []sortKey
	idx   []int32
	spare []int32 // sortFigures' second buffer
}

// figureOrder is observations.sql's ORDER BY over rows and keys, in two
// parts: by series (the filter's order of ids, then file order), and
// within a series (period end and start, undated sources first, source
// date, source id, period notation). Field by field, stopping at the first
// that differs: cmp.Or would compare them all (its arguments are evaluated
// first).
func figureOrder(rows []figure, keys []sortKey) (bySeries, within func(i, j int32) int) {
	bySeries = func(i, j int32) int {
		a, b := &keys[i], &keys[j]
		if c := cmp.Compare(a.indPos, b.indPos); c != 0 {
			return c
		}
		if c := cmp.Compare(rows[i].ord.indicator, rows[j].ord.indicator); c != 0 {
			return c
		}
		if c := cmp.Compare(a.regPos, b.regPos); c != 0 {
			return c
		}
		return cmp.Compare(rows[i].ord.region, rows[j].ord.region)
	}
	within = func(i, j int32) int {
		a, b := &keys[i], &keys[j]
		if c := cmp.Compare(a.end, b.end); c != 0 {
			return c
		}
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := compareBool(a.dated, b.dated); c != 0 {
			return c
		}
		if c := cmp.Compare(a.last, b.last); c != 0 {
			return c
		}
		if c := strings.Compare(rows[i].citation.id, rows[j].citation.id); c != 0 {
			return c
		}
		return strings.Compare(rows[i].period.id, rows[j].period.id)
	}
	return bySeries, within
}

// sortFigures orders idx (indexes into rows and keys) as observations.sql's
// ORDER BY (figureOrder). It returns idx sorted, which may be spare, and
// the other buffer.
//
// The scan sends a series' rows together (they are stored so) and mostly
// in period order already, so it sorts runs, not rows: the runs of one
// series by series, then each series' rows only when they are out of
// order. For a region's overview at 10M (38 series, 2,660 rows) that is
// 0.07-0.08 ms instead of 0.37-0.39 for one sort of every row
// (BenchmarkSortFigures). Runs of one series that do not touch end up
// side by side and are sorted as one: the result is the full comparison's
// whatever the scan's order (TestSortFiguresAnyOrder).
func sortFigures(idx, spare []int32, rows []figure, keys []sortKey) (sorted, other []int32) {
	bySeries, within := figureOrder(rows, keys)
	// Runs of one series, as the scan sent them.
	type run struct{ from, to int }
	var runs []run
	inOrder := true
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && bySeries(idx[i], idx[j]) == 0 {
			j++
		}
		if len(runs) > 0 && bySeries(idx[runs[len(runs)-1].from], idx[i]) > 0 {
			inOrder = false
		}
		runs = append(runs, run{i, j})
		i = j
	}
	if !inOrder {
		slices.SortStableFunc(runs, func(a, b run) int { return bySeries(idx[a.from], idx[b.from]) })
		spare = spare[:0]
		for _, r := range runs {
			spare = append(spare, idx[r.from:r.to]...)
		}
		idx, spare = spare, idx
	}
	// Each series' rows (one run, or runs now side by side), in order.
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && bySeries(idx[i], idx[j]) == 0 {
			j++
		}
		if part := idx[i:j]; !slices.IsSortedFunc(part, within) {
			slices.SortFunc(part, within)
		}
		i = j
	}
	return idx, spare
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

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
	// figures.sql's text columns come as hash(): these map them back.
	periodOf map[uint64]*periodSpan
	termsOf  map[uint64]*terms
	// Its indicator and region come as one series number
	// (observations.series in ingest/schema.sql), made of their places
	// (file_order.sql): these map ids to places and places to ids.
	indicatorPlace, regionPlace map[string]int
	indicatorAt, regionAt       []*catalogID
}

// seriesAt is the indicator and region of a series number; nil for a
// number no pair of the snapshot's has.
func (fc *figureContext) seriesAt(series int64) (ind, reg *catalogID) {
	k := int64(len(fc.indicatorAt))
	if series < 0 || k == 0 || series/k >= int64(len(fc.regionAt)) {
		return nil, nil
	}
	return fc.indicatorAt[series%k], fc.regionAt[series/k]
}

// seriesID is an indicator and a region: a series.
type seriesID struct{ indicator, region string }

// seriesOf is the numbers of f's series as ingest numbers them, sorted and
// unique: f's pairs, or every indicator with every region. Ids the
// snapshot does not have select nothing, as in SQL; none may be left.
func (fc *figureContext) seriesOf(f Filter) []int64 {
	pairs := f.pairs
	if pairs == nil {
		for _, ind := range f.Indicators {
			for _, reg := range f.Regions {
				pairs = append(pairs, seriesID{ind, reg})
			}
		}
	}
	series := make([]int64, 0, len(pairs))
	for _, p := range pairs {
		i, okI := fc.indicatorPlace[p.indicator]
		r, okR := fc.regionPlace[p.region]
		if okI && okR {
			series = append(series, int64(r)*int64(len(fc.indicatorAt))+int64(i))
		}
	}
	slices.Sort(series)
	return slices.Compact(series)
}

// catalogID is an indicator's or region's id and its place in its file.
type catalogID struct {
	id  string
	ord int
}

// hashedText adds text under its hash to m. Two texts of one column that
// share a 64-bit hash would read as one: the snapshot is refused rather
// than a figure given the wrong period, qualifier, status or source.
func hashedText[V any](m map[uint64]V, column string, h uint64, text string, v V, textOf func(V) string) error {
	if prev, ok := m[h]; ok && textOf(prev) != text {
		return fmt.Errorf("%s %q and %q share a 64-bit hash: figures.sql cannot tell them apart; rename one", column, textOf(prev), text)
	}
	m[h] = v
	return nil
}

// byHash is the entry of m for a hash() column's value (a uint64 from the
// driver); false for a hash m does not hold, or a value that is no hash.
func byHash[V any](m map[uint64]V, v any) (V, bool) {
	h, ok := v.(uint64)
	if !ok {
		var zero V
		return zero, false
	}
	e, ok := m[h]
	return e, ok
}

type periodSpan struct {
	id, freq   string
	start, end time.Time
}

// terms are what a figure is published on besides its value and period:
// one combination of figure_terms.sql.
type terms struct {
	qualifier, status, periodStated string
	citation                        *citation
}

// text is the terms as one text, to tell two combinations apart (the
// first three never hold " | ": qualifiers and statuses are words, source
// ids [a-z0-9_]).
func (t *terms) text() string {
	return t.qualifier + " | " + t.status + " | " + t.citation.id + " | " + t.periodStated
}

type citation struct {
	id, title, publisher, publisherEn, published, url string
	publishedLast                                     time.Time // zero when undated
	titleGiven, copy                                  bool
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

// ReadFigureContext reads what figures are joined with (figureContext)
// now rather than on the first page that needs it: at 10M that is about
// 0.4 s, mostly figure_terms.sql's scan, which no request should wait for.
func (d *DB) ReadFigureContext(ctx context.Context) error {
	_, err := contextOf(ctx, d)
	return err
}

func loadFigureContext(ctx context.Context, q Querier) (*figureContext, error) {
	fc := &figureContext{periodOf: map[uint64]*periodSpan{}, termsOf: map[uint64]*terms{},
		indicatorPlace: map[string]int{}, regionPlace: map[string]int{}}
	citationOf := map[string]*citation{}
	var h uint64
	err := each(ctx, q, "periods", func(r *sql.Rows) error {
		p := &periodSpan{}
		if err := r.Scan(&p.id, &p.freq, &p.start, &p.end, &h); err != nil {
			return err
		}
		return hashedText(fc.periodOf, "period", h, p.id, p, func(p *periodSpan) string { return p.id })
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, q, "citations", func(r *sql.Rows) error {
		c := &citation{}
		var last sql.NullTime
		if err := r.Scan(&c.id, &c.title, &c.publisher, &c.publisherEn, &c.published, &last, &c.url, &c.titleGiven, &c.copy); err != nil {
			return err
		}
		c.publishedLast = last.Time
		citationOf[c.id] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, q, "file_order", func(r *sql.Rows) error {
		var kind, id string
		var ord, place int
		if err := r.Scan(&kind, &id, &ord, &place); err != nil {
			return err
		}
		places, at := fc.regionPlace, &fc.regionAt
		if kind == "indicator" {
			places, at = fc.indicatorPlace, &fc.indicatorAt
		}
		if place != len(*at) { // rows come in that order
			return fmt.Errorf("%s %q is at place %d, not %d", kind, id, place, len(*at))
		}
		places[id] = place
		*at = append(*at, &catalogID{id, ord})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, q, "figure_terms", func(r *sql.Rows) error {
		t := &terms{}
		var source string
		if err := r.Scan(&t.qualifier, &t.status, &source, &t.periodStated, &h); err != nil {
			return err
		}
		if t.citation = citationOf[source]; t.citation == nil {
			return fmt.Errorf("source %q is not in the sources table", source)
		}
		return hashedText(fc.termsOf, "qualifier, status, source and period statement", h, t.text(), t, (*terms).text)
	})
	if err != nil {
		return nil, err
	}
	return fc, nil
}
