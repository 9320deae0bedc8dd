package importer

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"districtstats/export"
)

// CSVHeader names the columns of the preview as CSV.
var CSVHeader = []string{"change", "cell", "indicator", "region", "period", "value", "qualifier", "status", "source", "note",
	"conversion", "previous_value", "previous_qualifier", "previous_source", "previous_line", "cell_text", "reason"}

// Rows gives the preview as rows under CSVHeader, in the order shown:
// added, revised, identical, rejected.
func (p *Preview) Rows() [][]string {
	var out [][]string
	fig := func(change string, f Figure) {
		prev := []string{"", "", "", ""}
		if f.Previous != nil {
			prev = []string{f.Previous.Value, f.Previous.Qualifier, f.Previous.Source, strconv.Itoa(f.Previous.Line)}
		}
		row := append([]string{change, f.Cell, f.Indicator, f.Region, f.Period, f.Value, f.Qualifier, f.Status, f.Source, f.Note, f.Conversion}, prev...)
		out = append(out, append(row, "", f.Warning))
	}
	for _, f := range p.Added {
		fig("added", f)
	}
	for _, f := range p.Revised {
		fig("revised", f)
	}
	for _, f := range p.Identical {
		fig("identical", f)
	}
	for _, r := range p.Rejected {
		out = append(out, []string{"rejected", r.Cell, "", "", "", "", "", "", "", "", "", "", "", "", "", r.Text, r.Reason})
	}
	return out
}

// WriteCSV writes the preview as CSV, one row per figure or rejection.
// Offices open it in Excel, and its text columns echo what an uploaded file
// said, so text that Excel would run as a formula is neutralised there; the
// other columns hold checked ids, cells and numbers.
func (p *Preview) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for _, row := range p.Rows() {
		for _, i := range freeTextColumns {
			row[i] = export.Neutralise(row[i])
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// freeTextColumns are the CSVHeader columns that carry text from the file.
var freeTextColumns = func() []int {
	var out []int
	for i, c := range CSVHeader {
		switch c {
		case "note", "conversion", "cell_text", "reason":
			out = append(out, i)
		}
	}
	return out
}()

// WriteTable writes the preview for a person at a terminal: a count line,
// then each part as an aligned table.
func (p *Preview) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", p.Counts())
	if s := p.NewSource; s != nil {
		fmt.Fprintf(&b, "new source %s: %s (%s, %s)\n", s.ID, s.Title, s.Publisher, firstOf(s.Published, "date not stated"))
	}
	figHeader := []string{"cell", "indicator", "region", "period", "value", "qualifier", "status", "source"}
	figRow := func(f Figure) []string {
		return []string{f.Cell, f.Indicator, f.Region, f.Period, f.Value, f.Qualifier, f.Status, f.Source}
	}
	section := func(title string, figs []Figure, extra func(Figure) []string) {
		if len(figs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		rows := [][]string{figHeader}
		for _, f := range figs {
			rows = append(rows, figRow(f))
		}
		lines := table(rows)
		b.WriteString(lines[0])
		for i, f := range figs {
			b.WriteString(lines[i+1])
			for _, e := range extra(f) {
				if e != "" {
					fmt.Fprintf(&b, "    %s\n", e)
				}
			}
		}
	}
	section("ADDED", p.Added, func(f Figure) []string { return []string{f.Conversion} })
	section("REVISED (written as a new vintage; the figure shown now stays in the history)", p.Revised, func(f Figure) []string {
		return []string{fmt.Sprintf("was %s %s from %s (data/observations.csv:%d)", f.Previous.Value, f.Previous.Qualifier, f.Previous.Source, f.Previous.Line), f.Conversion, f.Warning}
	})
	section("IDENTICAL (already present; not written again)", p.Identical, func(Figure) []string { return nil })
	if len(p.Rejected) > 0 {
		fmt.Fprintf(&b, "\nREJECTED\n")
		rows := [][]string{{"cell", "shows", "why"}}
		for _, r := range p.Rejected {
			rows = append(rows, []string{r.Cell, r.Text, r.Reason})
		}
		for _, l := range table(rows) {
			b.WriteString(l)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// table aligns columns by their width on screen: a Chinese character
// takes two columns.
func table(rows [][]string) []string {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], screenWidth(c))
		}
	}
	var out []string
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", widths[i]-screenWidth(c)+2))
		}
		b.WriteByte('\n')
		out = append(out, b.String())
	}
	return out
}

func screenWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
