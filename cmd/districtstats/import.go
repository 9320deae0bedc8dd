package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"districtstats/importer"
)

func init() {
	commands["import"] = command{"read an office's XLSX/CSV tables: preview the change, -write it into data/", runImport}
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: districtstats import FILE… [-source ID] [-region ID] [-sheet NAME] [-write] [-data DIR] [-format table|csv]")
		fs.PrintDefaults()
	}
	data := fs.String("data", defaultData, "data directory to compare with and write to")
	source := fs.String("source", "", "source id of the figures (a long table may name its own per row)")
	var ns importer.Source
	fs.StringVar(&ns.Title, "source-title", "", "title of a new source (when -source is not in sources.csv yet)")
	fs.StringVar(&ns.Publisher, "source-publisher", "", "publisher of a new source, as it names itself")
	fs.StringVar(&ns.PublisherEn, "source-publisher-en", "", "publisher of a new source in English")
	fs.StringVar(&ns.Published, "source-date", "", "publication date of a new source: YYYY-MM-DD, YYYY-MM or YYYY")
	fs.StringVar(&ns.URL, "source-url", "", "http(s) address of a new source")
	fs.StringVar(&ns.Note, "source-note", "", "note on a new source")
	region := fs.String("region", "", "region id (default: the region the sheet's title names)")
	sheet := fs.String("sheet", "", "read only this sheet of each XLSX file")
	status := fs.String("status", "unknown", "status of the figures: unknown, preliminary, final, revised or target")
	write := fs.Bool("write", false, "write the added and revised figures into the data directory")
	format := fs.String("format", "table", "preview format: table or csv")

	// Flags may come before, between or after the files.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: name at least one .xlsx or .csv file", errUsage)
	}
	if *format != "table" && *format != "csv" {
		return fmt.Errorf("%w: -format is table or csv, not %q", errUsage, *format)
	}
	var in []importer.File
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		in = append(in, importer.File{Name: filepath.Base(name), Data: b})
	}
	opts := importer.Options{DataDir: *data, Source: *source, Region: *region, Sheet: *sheet, Status: *status}
	if ns != (importer.Source{}) {
		opts.NewSource = &ns
	}
	p, err := importer.Read(opts, in)
	if err != nil {
		return reportProblems(err, stderr)
	}
	if *format == "csv" {
		err = p.WriteCSV(stdout)
	} else {
		err = p.WriteTable(stdout)
	}
	if err != nil {
		return err
	}
	msg := stdout
	if *format == "csv" {
		msg = stderr // keep the CSV clean
	}
	if !*write {
		fmt.Fprintln(msg, "\nnothing written (preview); add -write to write the added and revised figures into", *data)
		return nil
	}
	w, err := p.Write()
	if err != nil {
		return reportProblems(err, stderr)
	}
	fmt.Fprintf(msg, "\nwrote %d figures to %s", w.Figures, filepath.Join(*data, "observations.csv"))
	if w.NewSource {
		fmt.Fprintf(msg, " and source %s to %s", *source, filepath.Join(*data, "sources.csv"))
	}
	fmt.Fprintln(msg, "; run `districtstats ingest` to publish them")
	return nil
}
