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
)

//go:embed *.sql
var files embed.FS

// text returns the SQL of a named query; a missing name is a programming
// error caught by the tests that run every query.
func text(name string) string {
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("queries: no query %q", name))
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

// Querier is what a query runs on: a *sql.DB, *sql.Conn or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// each runs a named query and calls scan for every row.
func each(ctx context.Context, q Querier, name string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, text(name), args...)
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
