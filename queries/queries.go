// Package queries holds the SQL the dashboard, exports and command line run
// against a snapshot: one named query per .sql file, embedded in the binary.
// User input never becomes SQL text: callers pass bound parameters, and ids
// are checked against the snapshot's own lists before they get here.
package queries

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
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
// 3,500 figures at 10M. Most pages ask for one region, many for one
// indicator. bySeries names the variant for a filter of named indicators
// of several regions: its series by number ($4) instead of its ids (see
// figures.sql); several regions with every indicator keep the id list.
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
			if strings.Count(s, e[0]) != 1 {
				panic(fmt.Sprintf("queries: %s does not have %q once", name, e[0]))
			}
			s = strings.Replace(s, e[0], e[1], 1)
		}
	}
	if now {
		const ranked, current = "FROM ranked_observations(", "FROM current_observations("
		if strings.Count(s, ranked) != 1 {
			panic(fmt.Sprintf("queries: %s does not read ranked_observations once", name))
		}
		s = strings.Replace(s, ranked, current, 1)
	}
	return s
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
// a page's query that reads a few dozen rows). Close closes the statements
// with the database.
type DB struct {
	*sql.DB
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	figures *figureContext // see contextOf
	results *resultCache   // figures.sql's answers (results.go); nil: off
}

// DefaultResultBytes bounds a DB's result cache unless SetResultBytes says
// otherwise.
const DefaultResultBytes = 32 << 20

// NewDB wraps db, which the returned DB then owns.
func NewDB(db *sql.DB) *DB {
	return &DB{DB: db, stmts: map[string]*sql.Stmt{}, results: newResultCache(DefaultResultBytes)}
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
	return d.DB.Close()
}

// each runs a named query (a key: see text) and calls scan for every row.
func each(ctx context.Context, q Querier, key string, scan func(*sql.Rows) error, args ...any) error {
	name, _, _ := strings.Cut(key, ":")
	var rows *sql.Rows
	var err error
	if d, ok := q.(*DB); ok {
		var st *sql.Stmt
		if st, err = d.stmt(ctx, key); err == nil {
			rows, err = st.QueryContext(ctx, args...)
		}
	} else {
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
