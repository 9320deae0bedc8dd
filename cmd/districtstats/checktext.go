package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"districtstats/figure"
	"districtstats/press/figcheck"
	"districtstats/snapshot"
)

func init() {
	commands["check-text"] = command{"check every figure in a draft against the published figures", runCheckText}
}

// stdin is where "check-text -" reads; tests replace it.
var stdin io.Reader = os.Stdin

func runCheckText(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check-text", stderr)
	db := fs.String("db", defaultDB, "snapshot to read (opened read-only)")
	day := fs.String("date", "", "the day the text speaks from, YYYY-MM-DD: 去年/last year is the year before it (default: none)")
	lang := fs.String("lang", "zh", "language of the report and the ready sentences: zh | en")
	format := fs.String("format", "text", "text | json")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: districtstats check-text [flags] FILE|-\n\n"+
			"Finds every figure in the text (FILE, or standard input with -) and checks it against the\n"+
			"snapshot: matches, differs (and what), ambiguous, or not in the data. At most %d characters.\n"+
			"Exit status: 0 when no figure differs, 1 when any figure differs (or on an error), 2 on a usage error.\n\n", figcheck.MaxChars)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: check-text needs one FILE (or - for standard input)", errUsage)
	}
	o := figcheck.Options{Lang: figure.Lang(*lang)}
	if *lang != "zh" && *lang != "en" {
		return fmt.Errorf("%w: -lang %q: use zh or en", errUsage, *lang)
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("%w: -format %q: use text or json", errUsage, *format)
	}
	if *day != "" {
		d, err := time.Parse("2006-01-02", *day)
		if err != nil {
			return fmt.Errorf("%w: -date %q: use YYYY-MM-DD", errUsage, *day)
		}
		o.Date = d
	}
	var in io.Reader = stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	// Read one byte past the largest text the check takes (4 bytes a
	// character), so an oversized file is refused without reading it all.
	text, err := io.ReadAll(io.LimitReader(in, 4*figcheck.MaxChars+1))
	if err != nil {
		return err
	}
	conn, err := snapshot.OpenDB(*db, min(runtime.NumCPU(), 2), "512MB")
	if err != nil {
		return fmt.Errorf("open snapshot: %w (run districtstats ingest first)", err)
	}
	defer conn.Close()
	cat, err := figcheck.Load(ctx, conn)
	if err != nil {
		return err
	}
	rep, err := cat.Check(string(text), o)
	if err != nil {
		return err
	}
	if *format == "json" {
		err = figcheck.WriteJSON(stdout, rep)
	} else {
		err = figcheck.WriteText(stdout, string(text), rep)
	}
	if err != nil {
		return err
	}
	if rep.Differs() {
		return fmt.Errorf("%w: %d figures differ", errReported, rep.Counts[figcheck.Differs])
	}
	return nil
}
