package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"districtstats/dashboard"
	"districtstats/export"
	"districtstats/queries"
)

func init() {
	commands["query"] = command{"print observations (filtered, transformed) as CSV, Excel CSV, JSON, XLSX or Parquet", runQuery}
}

// outputFlags are the flags query and export share: the snapshot, the
// filters, the format and where to write.
type outputFlags struct {
	db, format, out, table string
	args                   export.Args
}

func addOutputFlags(fs *flag.FlagSet, o *outputFlags, defaultFormat string) {
	fs.StringVar(&o.db, "db", defaultDB, "snapshot to read (opened read-only)")
	fs.StringVar(&o.format, "format", defaultFormat, "csv | excel-csv | json | xlsx | parquet (default: from -o's extension, else csv)")
	fs.StringVar(&o.out, "o", "", "file to write (written beside, renamed into place when complete); default stdout")
	fs.StringVar(&o.args.Indicators, "indicators", "", "comma-separated indicator ids (default all)")
	fs.StringVar(&o.args.Regions, "regions", "", "comma-separated region ids (default all)")
	fs.StringVar(&o.args.From, "from", "", "first period, e.g. 2015 or 2023Q1")
	fs.StringVar(&o.args.To, "to", "", "last period, e.g. 2024")
	fs.StringVar(&o.args.AsOf, "as-of", "", "only sources published by this date, YYYY-MM-DD")
	fs.StringVar(&o.args.Transform, "transform", "level", "level | change | pct_change | yoy_pct")
	fs.BoolVar(&o.args.Latest, "latest", true, "only the latest vintage of each period (-latest=false: every vintage)")
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
	db, err := dashboard.OpenDB(o.db, runtime.NumCPU(), "1GB")
	if err != nil {
		return fmt.Errorf("open snapshot: %w (run districtstats ingest first)", err)
	}
	defer db.Close()
	info, err := queries.Snapshot(ctx, db)
	if err != nil {
		return err
	}
	inds, err := queries.Indicators(ctx, db)
	if err != nil {
		return err
	}
	regs, err := queries.Regions(ctx, db)
	if err != nil {
		return err
	}
	srcs, err := queries.Sources(ctx, db)
	if err != nil {
		return err
	}
	cat := export.NewCatalog(info.BuiltAt, inds, regs, srcs)
	filter, t, err := cat.Filter(o.args)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	rows, err := export.Select(ctx, db, cat, filter, t)
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
