package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"districtstats/export"
	"districtstats/figure"
	"districtstats/request"
	"districtstats/snapshot"
)

func init() {
	commands["query"] = command{"print observations (filtered, transformed) as CSV, Excel CSV, JSON, XLSX or Parquet", runQuery}
}

// outputFlags are the flags query and export share: the snapshot, the
// filters, the format and where to write.
type outputFlags struct {
	db, format, out, table string
	// The filters, as request parameters: the command line asks the same
	// questions as the API, through the same parser (package request).
	indicators, regions, from, to, asOf, transform string
	latest                                         bool
}

func addOutputFlags(fs *flag.FlagSet, o *outputFlags, defaultFormat string) {
	fs.StringVar(&o.db, "db", defaultDB, "snapshot to read (opened read-only)")
	fs.StringVar(&o.format, "format", defaultFormat, "csv | excel-csv | json | xlsx | parquet (default: from -o's extension, else csv)")
	fs.StringVar(&o.out, "o", "", "file to write (written beside, renamed into place when complete); default stdout")
	fs.StringVar(&o.indicators, "indicators", "", "comma-separated indicator ids (default all)")
	fs.StringVar(&o.regions, "regions", "", "comma-separated region ids (default all)")
	fs.StringVar(&o.from, "from", "", "first period, e.g. 2015 or 2023Q1")
	fs.StringVar(&o.to, "to", "", "last period, e.g. 2024")
	fs.StringVar(&o.asOf, "as-of", "", "only sources published by this date, YYYY-MM-DD")
	fs.StringVar(&o.transform, "transform", "level", "level | change | pct_change | yoy_pct")
	fs.BoolVar(&o.latest, "latest", true, "only the latest vintage of each period (-latest=false: every vintage)")
}

func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("query", stderr)
	var o outputFlags
	addOutputFlags(fs, &o, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o.table = "observations"
	return o.run(ctx, stdout)
}

// run opens the snapshot, checks the filters and writes the table.
func (o *outputFlags) run(ctx context.Context, stdout io.Writer) error {
	f := export.CSV
	if g, ok := export.FormatOf(o.out); ok {
		f = g
	}
	if o.format != "" {
		var err error
		if f, err = export.ParseFormat(o.format); err != nil {
			return fmt.Errorf("%w: -format: %v", errUsage, err)
		}
	}
	db, err := snapshot.OpenDB(o.db, runtime.NumCPU(), "1GB")
	if err != nil {
		return fmt.Errorf("open snapshot: %w (run districtstats ingest first)", err)
	}
	defer db.Close()
	cat, err := snapshot.LoadCatalog(ctx, db)
	if err != nil {
		return err
	}
	req, err := request.Parse(o.params(), request.API, request.Known{Indicator: func(id string) bool { _, ok := cat.Indicator(id); return ok }, Region: func(id string) bool { _, ok := cat.Region(id); return ok }})
	var bad *request.Error
	if errors.As(err, &bad) {
		return fmt.Errorf("%w: -%s: %s", errUsage, strings.ReplaceAll(bad.Param, "_", "-"), bad.Message(figure.En))
	}
	if err != nil {
		return err
	}
	rows, err := export.Select(ctx, db, cat, req.Filter(req.Indicators, nil, req.Latest), req.Transform)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		if o.table == "observations" {
			return export.WriteObservations(w, f, cat, rows)
		}
		// "all", or a small table as XLSX: the workbook of every table.
		return export.WriteTable(w, f, cat, o.table, rows)
	}
	if o.out == "" || o.out == "-" {
		return write(stdout)
	}
	return writeFile(o.out, write)
}

// params are the filter flags as the request parameters they stand for.
func (o *outputFlags) params() url.Values {
	q := url.Values{}
	for name, v := range map[string]string{request.Indicators: o.indicators, request.Regions: o.regions, request.From: o.from,
		request.To: o.to, request.AsOf: o.asOf, request.Transform: o.transform} {
		if v != "" {
			q.Set(name, v)
		}
	}
	if !o.latest {
		q.Set(request.Latest, "false")
	}
	return q
}

// writeFile writes beside path and renames into place only when complete,
// so a cron job never leaves half a file where the last good one was.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
