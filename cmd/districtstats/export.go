package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"districtstats/export"
)

func init() {
	commands["export"] = command{"write a table of the dataset (or all, as XLSX) to a file, for scripts and cron jobs", runExport}
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	var o outputFlags
	addOutputFlags(fs, &o, "")
	fs.StringVar(&o.table, "table", "observations", "observations | indicators | regions | sources | all (all is one XLSX workbook, a sheet per table)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !strings.Contains("|observations|indicators|regions|sources|all|", "|"+o.table+"|") {
		return fmt.Errorf("%w: -table %q: use one of %s or all", errUsage, o.table, strings.Join(export.Tables, ", "))
	}
	if o.table == "all" {
		if o.format != "" && o.format != string(export.XLSX) {
			return fmt.Errorf("%w: -table all is one XLSX workbook; use -format xlsx", errUsage)
		}
		o.format = string(export.XLSX)
	}
	return o.run(ctx, stdout)
}
