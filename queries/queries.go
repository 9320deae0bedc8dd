// Package queries holds the SQL the dashboard, exports and command line run
// against a snapshot: one named query per .sql file, embedded in the binary.
// User input never becomes SQL text: callers pass bound parameters, and ids
// are checked against the snapshot's own lists before they get here. The
// one text written in Go, a page's figures by series (seriesText), holds
// only integers worked out from those ids.
package queries

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed *.sql
var files embed.FS

// nowSuffix names the variant of a figures query for a filter without an
// as_of date (see Filter.query): a constant, never request text.
const nowSuffix = ":now"

// oneIndicator and oneRegion name the variants of figures.sql for a filter
// of exactly one indicator or region: the id list becomes an equality,
// which DuckDB pushes into the scan. For a region that saves the semi
// join, which costs about 1 ms on small data and half of a region's
// 3,500 figures at 10M. bySeries names the variant for named indicators
// of several regions: its series by number ($4) instead of its ids (see
// figures.sql). Named indicators of named regions mostly run as a text
// of their own (seriesText); these variants answer the rest: every
// indicator of a region, one indicator of every region, and more series
// or runs than a text takes (figuresQuery in observations.go).
const (
	oneIndicator = ":one-indicator"
	oneRegion    = ":one-region"
	bySeries     = ":by-series"
)

// idVariants are the predicates of figures.sql the variants rewrite; each
// must occur exactly once. An IN (subquery) left in the text costs its
// join even when its OR is true, hence a variant rather than a test of
// an empty parameter.
var idVariants = []struct {
	suffix string
	edits  [][2]string // old, new
}{
	{oneIndicator, [][2]string{{"($1 = '' OR list_contains(string_split($1, ','), indicator))", "indicator = $1"}}},
	{oneRegion, [][2]string{{regionList, "region = $2"}}},
	{bySeries, [][2]string{{regionList, "$2 = ''"}, {"$4 = ''", "series IN (SELECT unnest(string_split($4, ',')::BIGINT[]))"}}},
}

const regionList = "($2 = '' OR region IN (SELECT unnest(string_split($2, ','))))"

// text returns the SQL of a named query; a missing name is a programming
// error caught by the tests that run every query.
//
// The figures queries (observations, export_observations) read
// ranked_observations, which ranks vintages as of any date. Their ":now"
// variant reads current_observations instead: the same rows with the latest
// flag ingest stored (ingest/schema.sql), a window fewer per query.
func text(key string) string {
	name, now := strings.CutSuffix(key, nowSuffix)
	var rewrite []int
	for i := len(idVariants) - 1; i >= 0; i-- { // suffixes in idVariants' order
		var ok bool
		if name, ok = strings.CutSuffix(name, idVariants[i].suffix); ok {
			rewrite = append(rewrite, i)
		}
	}
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("queries: no query %q", name))
	}
	s := string(b)
	for _, i := range rewrite {
		for _, e := range idVariants[i].edits {
			s = edit(name, s, e[0], e[1])
		}
	}
	if now {
		s = edit(name, s, "FROM ranked_observations(", "FROM current_observations(")
	}
	return s
}

// edit replaces old, which must occur in query name's text s exactly once.
func edit(name, s, old, new string) string {
	if strings.Count(s, old) != 1 {
		panic(fmt.Sprintf("queries: %s does not have %q once", name, old))
	}
	return strings.Replace(s, old, new, 1)
}

// Bounds of seriesText: beyond them a page runs the by-series variant.
const (
	// seriesGap: two series numbers further apart start a new run. The
	// scan reads every row between a run's ends and tests each against
	// its list (14-16 ns a row at 10M); a run of its own costs about
	// 0.25 ms, the rows of some 250 series of 70 years.
	seriesGap = 256
	// maxSeriesRuns: each run is a scan of its own.
	maxSeriesRuns = 8
	// maxSeries: the list is tested row by row.
	maxSeries = 64
)

// seriesText returns figures.sql for exactly these series, their latest
// rows or every vintage, with no parameter: the numbers are in the text.
// ok is false beyond the bounds above, and for numbers not strictly
// increasing (a run's range must hold no number it does not name).
//
// Why: DuckDB plans a statement with parameters again on every execution,
// so that their values can reach the scan (PreparedStatement::CanCachePlan
// refuses to keep the plan). One without parameters is planned once and
// runs as prepared. A page's series are the same whatever its period
// bounds, so its statement is prepared once (DB.series) and every later
// render runs it. At 10M the economy topic's 17 series came back in
// 1.4 ms instead of 2.2-2.4, and a cold render took a fifth to a quarter
// less of the server's CPU.
//
// The series are split into runs of near numbers, each a scan of its own
// (UNION ALL): a series number is region x indicators + indicator, so a
// region's series are one run, and the regions dashboard.yaml names come
// first. Within a run, BETWEEN lets the row groups' min/max skip the rest
// of the table; the list, or an equality, keeps the run's own series.
// A run's ends in one scan with an OR between runs would not skip: DuckDB
// does not push an OR of ranges into the scan (72 ms at 10M).
//
// Only int64s reach the text, written by strconv: no request text can.
func seriesText(series []int64, latestOnly bool) (text string, ok bool) {
	if len(series) == 0 || len(series) > maxSeries {
		return "", false
	}
	var runs [][]int64
	for start, i := 0, 1; i <= len(series); i++ {
		if i < len(series) && series[i] <= series[i-1] {
			return "", false
		}
		if i == len(series) || series[i]-series[i-1] > seriesGap {
			runs = append(runs, series[start:i])
			start = i
		}
	}
	if len(runs) > maxSeriesRuns {
		return "", false
	}
	around := seriesScan()[latestOnly]
	var out []byte
	for i, run := range runs {
		if i > 0 {
			out = append(out, "\nUNION ALL\n"...)
		}
		out = append(out, around[0]...)
		out = append(out, runPredicate(run)...)
		out = append(out, around[1]...)
	}
	return string(out), true
}

// seriesScan is figures.sql with its id lists gone and latest_only written
// in (by latestOnly), cut where a run's predicate goes: worked out once,
// not on every render.
var seriesScan = sync.OnceValue(func() map[bool][2]string {
	const name = "figures"
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		panic(err)
	}
	s := edit(name, string(b), "($1 = '' OR list_contains(string_split($1, ','), indicator))", "TRUE")
	s = edit(name, s, regionList, "TRUE")
	const run = "$4 = ''"
	if strings.Count(s, run) != 1 {
		panic(fmt.Sprintf("queries: %s does not have %q once", name, run))
	}
	out := map[bool][2]string{}
	for latestOnly, latest := range map[bool]string{true: "latest", false: "TRUE"} {
		before, after, _ := strings.Cut(edit(name, s, "(latest OR NOT $3)", latest), run)
		out[latestOnly] = [2]string{before, after}
	}
	return out
})

// runPredicate selects a run's series: an equality for one, a range for
// consecutive numbers, a range and a list otherwise.
func runPredicate(run []int64) string {
	lo, hi := run[0], run[len(run)-1]
	b := []byte("series ")
	if len(run) == 1 {
		return string(strconv.AppendInt(append(b, "= "...), lo, 10))
	}
	b = strconv.AppendInt(append(b, "BETWEEN "...), lo, 10)
	b = strconv.AppendInt(append(b, " AND "...), hi, 10)
	if hi-lo+1 == int64(len(run)) {
		return string(b)
	}
	b = append(b, " AND list_contains(["...)
	b = append(b, joinInts(run)...)
	return string(append(b, "], series)"...))
}

// joinInts writes numbers comma-separated.
func joinInts(ns []int64) string {
	b := make([]byte, 0, 8*len(ns))
	for i, n := range ns {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, n, 10)
	}
	return string(b)
}

// Names lists every embedded query, for tests and docs.
func Names() []string {
	entries, _ := files.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".sql"))
	}
	return names
}

// Querier is what a query runs on: a *DB, *sql.DB, *sql.Conn or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is a snapshot's database, which never changes while it is open: each
// named query is prepared once, on first use, and reused by every request
// after. Planning is most of a small query's cost (several milliseconds of
// a page's query that reads a few dozen rows). DuckDB still plans a
// statement that scans a table with parameters again on each execution, so
// a page's figures run as a text without any (seriesText), kept in a
// cache of their own. Close closes the statements with the database.
type DB struct {
	*sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	figures *figureContext // see contextOf
	results *resultCache   // figures.sql's answers (results.go); nil: off
	series  *stmtCache     // statements of seriesText (stmtcache.go)
}

// DefaultResultBytes bounds a DB's result cache unless SetResultBytes says
// otherwise.
const DefaultResultBytes = 32 << 20

// NewDB wraps db, which the returned DB then owns.
func NewDB(db *sql.DB) *DB {
	return &DB{DB: db, stmts: map[string]*sql.Stmt{}, results: newResultCache(DefaultResultBytes),
		series: newStmtCache(seriesStatements)}
}

// SetResultBytes bounds the result cache; 0 or less turns it off. Call it
// before the DB answers queries.
func (d *DB) SetResultBytes(n int64) {
	d.results = nil
	if n > 0 {
		d.results = newResultCache(n)
	}
}

// stmt is the prepared statement of a query key (name or name:now).
func (d *DB) stmt(ctx context.Context, key string) (*sql.Stmt, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if st, ok := d.stmts[key]; ok {
		return st, nil
	}
	// Prepared on the request's context, but kept for every later one;
	// database/sql prepares it again on each connection it runs on.
	st, err := d.DB.PrepareContext(ctx, text(key))
	if err != nil {
		return nil, err
	}
	d.stmts[key] = st
	return st, nil
}

// Close closes every prepared statement, then the database.
func (d *DB) Close() error {
	d.mu.Lock()
	for k, st := range d.stmts {
		st.Close()
		delete(d.stmts, k)
	}
	d.mu.Unlock()
	d.series.close()
	return d.DB.Close()
}

// each runs a named query (a key: see text) and calls scan for every row.
func each(ctx context.Context, q Querier, key string, scan func(*sql.Rows) error, args ...any) error {
	return eachText(ctx, q, key, "", scan, args...)
}

// eachText is each for a query's text written in Go (seriesText), or for
// key's own text when sqlText is "". key names the query in errors.
func eachText(ctx context.Context, q Querier, key, sqlText string, scan func(*sql.Rows) error, args ...any) error {
	name, _, _ := strings.Cut(key, ":")
	var rows *sql.Rows
	var err error
	d, prepared := q.(*DB)
	switch {
	case prepared && sqlText != "":
		var st *cachedStmt
		if st, err = d.series.get(ctx, d.DB, sqlText); err == nil {
			defer d.series.release(st)
			rows, err = st.QueryContext(ctx, args...)
		}
	case prepared:
		var st *sql.Stmt
		if st, err = d.stmt(ctx, key); err == nil {
			rows, err = st.QueryContext(ctx, args...)
		}
	case sqlText != "":
		rows, err = q.QueryContext(ctx, sqlText, args...)
	default:
		rows, err = q.QueryContext(ctx, text(key), args...)
	}
	if err != nil {
		return fmt.Errorf("query %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("query %s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query %s: %w", name, err)
	}
	return nil
}
