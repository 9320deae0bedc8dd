// Package importer reads a statistics office's own tables (XLSX as Chinese
// Excel or WPS saves them, CSV in UTF-8 or GBK; our long format, 年鉴 and
// 月报 layouts) into the figures of data/observations.csv, and says what
// an import would change before it changes anything: figures added,
// revised (a new vintage beside the old), already present, and every cell
// it rejected, with where and why. Nothing is guessed: an unknown label,
// a unit that is not an exact decimal shift of the indicator's, or a cell
// that hides digits is rejected, never fitted.
package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"districtstats/figure"
	"districtstats/ingest"
)

// Options say where figures come from when the table does not.
type Options struct {
	DataDir string // the data directory the import is checked against and written to
	Source  string // source id for every figure (a long table may name its own)
	// NewSource describes Source when it is not yet in sources.csv; -write
	// adds it.
	NewSource *Source
	Region    string // region id, when the title names none (or to override it)
	Sheet     string // only this sheet of each XLSX file
	Status    string // status of every figure of a wide table; default unknown
}

// Source is a row of sources.csv.
type Source struct {
	ID, Title, Publisher, PublisherEn, Published, URL, Note string
}

func (s Source) record() []string {
	return []string{s.ID, s.Title, s.Publisher, s.PublisherEn, s.Published, s.URL, s.Note}
}

// File is one file to import: the name shown in messages, and its bytes.
type File struct {
	Name string
	Data []byte
}

// Preview is what an import would do. The command line prints it; the
// browser shows the same value.
type Preview struct {
	Added     []Figure    // new indicator/region/period combinations
	Revised   []Figure    // a different figure for one already present: a new vintage; the old stays
	Identical []Figure    // already present with this value and qualifier: not written again
	Rejected  []Rejection // cells that yield no figure, with why
	NewSource *Source     // the row -write adds to sources.csv, or nil

	dir     string
	stamp   dataStamp // the data files the preview was made against
	records [][]string
}

// Figure is one figure an import found, in data/observations.csv's terms.
type Figure struct {
	Cell                             string // report.xlsx:Sheet1!C5
	Indicator, Region, Period, Value string
	Qualifier, Status, Source, Note  string
	Conversion                       string    // "8035880 万元 = 803.588 亿元 (…)"; "" when none
	Previous                         *Previous // Revised, Identical: the vintage shown now
	Warning                          string    // e.g. the new vintage is not the newest
}

// Previous is the figure the dashboard shows now for the same
// indicator, region and period.
type Previous struct {
	Value, Qualifier, Status, Source string
	Line                             int // in data/observations.csv
}

// Rejection is a cell, row or file that yields no figure.
type Rejection struct {
	Cell   string // report.xlsx:Sheet1!A9, or a file or sheet
	Text   string // what the cell shows
	Reason string
}

var reID = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Read reads files and compares them with the data directory. Problems
// with cells become Rejections; an error means the import cannot be
// judged at all (the data directory fails check, the source is unknown).
func Read(opts Options, files []File) (*Preview, error) {
	if opts.Status == "" {
		opts.Status = "unknown"
	}
	if !oneOf(opts.Status, ingest.Statuses) {
		return nil, fmt.Errorf("status %q is not one of %s", opts.Status, strings.Join(ingest.Statuses, ", "))
	}
	stamp, err := stampData(opts.DataDir)
	if err != nil {
		return nil, err
	}
	cat, err := loadCatalog(opts.DataDir)
	if err != nil {
		return nil, err
	}
	p := &Preview{dir: opts.DataDir, stamp: stamp}
	if opts.Source != "" {
		if _, known := cat.sources[opts.Source]; !known {
			ns := opts.NewSource
			if ns == nil || ns.Title == "" || ns.Publisher == "" {
				return nil, fmt.Errorf("source %q is not in %s: add it with -source-title and -source-publisher (and -source-date, -source-url)", opts.Source, filepath.Join(opts.DataDir, "sources.csv"))
			}
			if !reID.MatchString(opts.Source) {
				return nil, fmt.Errorf("source id %q is not an id (lower-case letters, digits and _, starting with a letter)", opts.Source)
			}
			last, err := ingest.PublishedLast(ns.Published)
			if err != nil {
				return nil, fmt.Errorf("source date %q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", ns.Published)
			}
			src := *ns
			src.ID = opts.Source
			p.NewSource = &src
			cat.sources[opts.Source] = last
		}
	}
	if opts.Region != "" {
		if _, ok := cat.regions[opts.Region]; !ok {
			return nil, fmt.Errorf("region %q is not a region id in %s", opts.Region, filepath.Join(opts.DataDir, "regions.csv"))
		}
	}
	rd := &reader{cat: cat, opts: opts}
	order := map[string]int{} // file, file:sheet -> reading order
	for _, f := range files {
		order[f.Name] = len(order)
		sheets, err := readFile(f.Name, f.Data, opts.Sheet)
		if err != nil {
			rd.rejected = append(rd.rejected, Rejection{Cell: f.Name, Reason: strings.TrimPrefix(err.Error(), f.Name+": ")})
			continue
		}
		for _, s := range sheets {
			order[s.where()] = len(order)
			rd.readSheet(s)
		}
	}
	p.Rejected = rd.rejected
	p.classify(cat, rd.found)
	sortRejections(p.Rejected, order)
	return p, nil
}

// sortRejections puts rejections in the order a person reads the files:
// file by file, sheet by sheet, row by row, left to right.
func sortRejections(rs []Rejection, order map[string]int) {
	key := func(cell string) [3]int {
		best, k := "", [3]int{}
		for w, i := range order {
			if len(w) > len(best) && (cell == w || strings.HasPrefix(cell, w+"!") || strings.HasPrefix(cell, w+":")) {
				best, k = w, [3]int{i, 0, 0}
			}
		}
		if rest := cell[len(best):]; len(rest) > 1 {
			if c, r, err := excelize.CellNameToCoordinates(rest[1:]); err == nil {
				k[1], k[2] = r, c
			}
		}
		return k
	}
	slices.SortStableFunc(rs, func(a, b Rejection) int {
		ka, kb := key(a.Cell), key(b.Cell)
		for i := range ka {
			if ka[i] != kb[i] {
				return ka[i] - kb[i]
			}
		}
		return 0
	})
}

// classify checks each candidate against its indicator and sorts it into
// added, revised or identical, rejecting what cannot be written.
func (p *Preview) classify(cat *catalog, found []candidate) {
	inImport := map[figureKey]string{} // key -> cell of the first figure for it
	for _, c := range found {
		ind := cat.indicators[c.indicator]
		value, conversion := c.digits, ""
		if c.unit != "" {
			var err error
			if value, conversion, err = convert(c.digits, c.unit, ind.unitZh); err != nil {
				p.reject(c, "%s: %v", c.indicator, err)
				continue
			}
		}
		if d := decimalsOf(value); d > ind.decimals {
			p.reject(c, "%q has %d decimals; %s allows %d (raise decimals in data/indicators.csv if the source publishes more)", value, d, c.indicator, ind.decimals)
			continue
		}
		if c.source == "" {
			p.reject(c, "no source: fill the source column or give -source")
			continue
		}
		published, known := cat.sources[c.source]
		if !known {
			p.reject(c, "%q is not a source id in data/sources.csv", c.source)
			continue
		}
		k := figureKey{c.indicator, c.region, c.period}
		if first, dup := inImport[k]; dup {
			p.reject(c, "%s, %s, %s is already imported from %s", c.indicator, c.region, c.period, first)
			continue
		}
		inImport[k] = c.cell
		f := Figure{Cell: c.cell, Indicator: c.indicator, Region: c.region, Period: c.period, Value: value,
			Qualifier: c.qualifier, Status: c.status, Source: c.source, Note: c.note, Conversion: conversion}
		sameSource := false
		for _, e := range cat.existing[k] {
			if e.source == c.source {
				sameSource = true
				if sameFigure(e.value, e.qualifier, f.Value, f.Qualifier) {
					f.Previous = &Previous{e.value, e.qualifier, e.status, e.source, e.line}
				} else {
					p.reject(c, "data/observations.csv:%d already has %s from source %s for %s, %s, %s; a different figure needs its own source (a new vintage)", e.line, qualified(e.value, e.qualifier), c.source, c.indicator, c.region, c.period)
				}
			}
		}
		if sameSource {
			if f.Previous != nil {
				p.Identical = append(p.Identical, f)
			}
			continue
		}
		latest, exists := cat.latest(k)
		switch {
		case !exists:
			p.Added = append(p.Added, f)
		case sameFigure(latest.value, latest.qualifier, f.Value, f.Qualifier):
			f.Previous = &Previous{latest.value, latest.qualifier, latest.status, latest.source, latest.line}
			p.Identical = append(p.Identical, f)
		default:
			f.Previous = &Previous{latest.value, latest.qualifier, latest.status, latest.source, latest.line}
			if !published.After(cat.sources[latest.source]) {
				f.Warning = fmt.Sprintf("source %s is not newer than %s: the figure shown stays %s", c.source, latest.source, qualified(latest.value, latest.qualifier))
			}
			p.Revised = append(p.Revised, f)
		}
	}
	for _, f := range append(append([]Figure(nil), p.Added...), p.Revised...) {
		p.records = append(p.records, []string{f.Indicator, f.Region, f.Period, f.Value, f.Qualifier, f.Status, f.Source, f.Note})
	}
}

func (p *Preview) reject(c candidate, format string, args ...any) {
	p.Rejected = append(p.Rejected, Rejection{Cell: c.cell, Text: c.text, Reason: fmt.Sprintf(format, args...)})
}

// sameFigure compares two figures as numbers written as decimals (9501 and
// 9501.0 are the same), and their qualifiers.
func sameFigure(v1, q1, v2, q2 string) bool {
	return q1 == q2 && figure.Shift(v1, 0) == figure.Shift(v2, 0)
}

// qualified writes a value with its qualifier's word: 超5500, 9501.
func qualified(v, q string) string {
	return figure.QualifierPrefix(q, figure.Zh) + v
}

// Counts says how many figures each part holds, for a one-line summary.
func (p *Preview) Counts() string {
	return fmt.Sprintf("%d added, %d revised, %d identical, %d rejected", len(p.Added), len(p.Revised), len(p.Identical), len(p.Rejected))
}

// dataStamp identifies the data files a preview was made against, so that
// a write refuses data that changed since.
type dataStamp map[string]string

func stampData(dir string) (dataStamp, error) {
	st := dataStamp{}
	for _, name := range []string{"observations.csv", "sources.csv"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		st[name] = fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
	}
	return st, nil
}
