package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"districtstats/ingest"
)

func init() {
	commands["ingest"] = command{"validate data/ and build the DuckDB snapshot", runIngest}
	commands["check"] = command{"validate data/ without writing anything", runCheck}
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ingest", stderr)
	data := fs.String("data", defaultData, "data directory")
	db := fs.String("db", defaultDB, "snapshot file to write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	sum, err := ingest.Build(ctx, *data, *db)
	if err != nil {
		return reportProblems(err, stderr)
	}
	fmt.Fprintln(stdout, sum)
	return nil
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	data := fs.String("data", defaultData, "data directory")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ds, err := ingest.Check(*data)
	if err != nil {
		return reportProblems(err, stderr)
	}
	fmt.Fprintf(stdout, "%s: ok (%d indicators, %d regions, %d sources, %d observations, %d policy measures; %s)\n",
		*data, len(ds.Indicators), len(ds.Regions), len(ds.Sources), ds.Observations, len(ds.Measures), definitionSummary(ds))
	return nil
}

// reportProblems prints every data problem, one per line, and a count.
func reportProblems(err error, stderr io.Writer) error {
	var ps *ingest.Problems
	if !errors.As(err, &ps) {
		return err
	}
	fmt.Fprintln(stderr, ps.Error())
	noun := "problems"
	if len(ps.List) == 1 {
		noun = "problem"
	}
	fmt.Fprintf(stderr, "%d %s; nothing was written\n", len(ps.List), noun)
	return errReported
}

// definitionSummary says what the dashboard definition holds.
func definitionSummary(ds *ingest.Dataset) string {
	d := ds.Definition
	if d == nil {
		return "no dashboard definition"
	}
	charts := 0
	for _, t := range d.Topics {
		charts += len(t.Charts)
	}
	return fmt.Sprintf("dashboard %q: %d topics, %d charts", d.Site.NameEn, len(d.Topics), charts)
}
