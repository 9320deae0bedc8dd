package export

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"districtstats/figure"
)

// A table is a header and rows of cells. A cell is a string (text), a
// float64 (a figure, written with its published digits), an int, a bool, or
// nil (empty: a gap).
type table interface {
	header(cols []string) error
	row(cells []any) error
}

// flushEvery is how many rows go out before the writer pushes them to the
// client, so a long export starts sending at once.
const flushEvery = 2000

// csvTable writes CSV (RFC 4180: fields quoted only when they hold a comma,
// quote, CR or LF, or start with a space). Excel mode adds a BOM, CRLF line
// ends and neutralises text that Excel would run as a formula. It writes
// through its own large buffer: encoding/csv's 4 KB one meant a syscall
// every few rows.
type csvTable struct {
	w      *bufio.Writer
	out    io.Writer
	excel  bool
	eol    string
	rows   int
	record []string
}

func newCSVTable(w io.Writer, excel bool) (*csvTable, error) {
	t := &csvTable{w: bufio.NewWriterSize(w, 256<<10), out: w, excel: excel, eol: "\n"}
	if excel {
		t.eol = "\r\n"
		t.w.WriteString("\uFEFF")
	}
	return t, nil
}

func (t *csvTable) header(cols []string) error { return t.strings(cols) }

func (t *csvTable) row(cells []any) error {
	t.record = t.record[:0]
	for _, c := range cells {
		var s string
		switch v := c.(type) {
		case string:
			s = v
			if t.excel {
				s = Neutralise(v)
			}
		case float64:
			s = figure.Digits(v)
		case int:
			s = strconv.Itoa(v)
		case bool:
			s = strconv.FormatBool(v)
		case nil:
		default:
			s = fmt.Sprint(v)
		}
		t.record = append(t.record, s)
	}
	return t.strings(t.record)
}

// strings writes a record already in text form (neutralised as needed).
func (t *csvTable) strings(rec []string) error {
	for i, f := range rec {
		if i > 0 {
			t.w.WriteByte(',')
		}
		if needsQuotes(f) {
			t.w.WriteByte('"')
			for {
				j := strings.IndexByte(f, '"')
				if j < 0 {
					break
				}
				t.w.WriteString(f[:j+1])
				t.w.WriteByte('"')
				f = f[j+1:]
			}
			t.w.WriteString(f)
			t.w.WriteByte('"')
		} else {
			t.w.WriteString(f)
		}
	}
	if _, err := t.w.WriteString(t.eol); err != nil {
		return err
	}
	t.rows++
	if t.rows%flushEvery == 0 {
		return t.flush()
	}
	return nil
}

// needsQuotes: one pass over the bytes (strings.ContainsAny makes four).
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f[0] == ' ' || f[0] == '\t' {
		return true
	}
	for i := 0; i < len(f); i++ {
		if c := f[i]; c == ',' || c == '"' || c == '\r' || c == '\n' {
			return true
		}
	}
	return false
}

func (t *csvTable) flush() error {
	if err := t.w.Flush(); err != nil {
		return err
	}
	if f, ok := t.out.(http.Flusher); ok {
		f.Flush()
	}
	return nil
}

// Neutralise makes text that begins like a formula (=, +, -, @, tab, CR)
// inert in spreadsheets by prefixing a single quote, as OWASP advises for
// CSV injection. Numbers are never text cells, so -3.2 stays a number.
func Neutralise(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// xlsxBook writes one workbook, a sheet at a time, through excelize's
// stream writer (rows spill to a temporary file, not memory).
type xlsxBook struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	sheets int
	rowN   int
	styles map[string]int // number format -> style id
	bold   int
	cells  []any
}

func newXLSXBook() *xlsxBook {
	return &xlsxBook{f: excelize.NewFile(), styles: map[string]int{}}
}

// sheet starts a new sheet with its header row frozen; the previous one is
// finished.
func (b *xlsxBook) sheet(name string) error { return b.sheetFrozen(name, 1) }

// sheetFrozen starts a new sheet whose first rows (header, unit …) stay in
// view when scrolling.
func (b *xlsxBook) sheetFrozen(name string, rows int) error {
	if err := b.finish(); err != nil {
		return err
	}
	if b.sheets == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	b.sheets++
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	b.sw, b.rowN = sw, 0
	top, _ := excelize.CoordinatesToCellName(1, rows+1)
	return sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: top, ActivePane: "bottomLeft"})
}

func (b *xlsxBook) finish() error {
	if b.sw == nil {
		return nil
	}
	err := b.sw.Flush()
	b.sw = nil
	return err
}

func (b *xlsxBook) header(cols []string) error {
	if err := b.sw.SetColWidth(1, len(cols), 16); err != nil {
		return err
	}
	return b.boldRow(cols)
}

// headerFitted writes a header whose columns are as wide as their labels
// (a Chinese character counts double), within reason.
func (b *xlsxBook) headerFitted(cols []string) error {
	for i, c := range cols {
		w := 2.0
		for _, r := range c {
			if r >= 0x2E80 {
				w += 2
			} else {
				w++
			}
		}
		if err := b.sw.SetColWidth(i+1, i+1, min(max(w, 8), 60)); err != nil {
			return err
		}
	}
	return b.boldRow(cols)
}

func (b *xlsxBook) boldRow(cols []string) error {
	if b.bold == 0 {
		id, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		if err != nil {
			return err
		}
		b.bold = id
	}
	cells := make([]any, len(cols))
	for i, c := range cols {
		cells[i] = excelize.Cell{StyleID: b.bold, Value: c}
	}
	return b.put(cells)
}

func (b *xlsxBook) put(cells []any) error {
	b.rowN++
	cell, _ := excelize.CoordinatesToCellName(1, b.rowN)
	return b.sw.SetRow(cell, cells)
}

func (b *xlsxBook) row(cells []any) error {
	b.cells = b.cells[:0]
	for _, c := range cells {
		switch v := c.(type) {
		case string:
			c = Neutralise(v)
		case float64:
			id, err := b.numberStyle(numberFormat(v))
			if err != nil {
				return err
			}
			c = excelize.Cell{StyleID: id, Value: v}
		case Qualified:
			id, err := b.numberStyle(v.format())
			if err != nil {
				return err
			}
			c = excelize.Cell{StyleID: id, Value: v.Value}
		}
		b.cells = append(b.cells, c)
	}
	return b.put(b.cells)
}

// numberStyle is a cached style with a custom number format.
func (b *xlsxBook) numberStyle(format string) (int, error) {
	if id, ok := b.styles[format]; ok {
		return id, nil
	}
	id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return 0, err
	}
	b.styles[format] = id
	return id, nil
}

// numberFormat shows exactly the decimals a figure was published with:
// 9501 as "0", 3206.57 as "0.00". Never fewer, so Excel never rounds.
func numberFormat(v float64) string {
	d := decimals(v)
	if d == 0 {
		return "0"
	}
	return "0." + strings.Repeat("0", d)
}

func decimals(v float64) int {
	s := figure.Digits(v)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// write finishes the workbook and writes it out.
func (b *xlsxBook) write(w io.Writer) error {
	if err := b.finish(); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := b.f.Write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return b.f.Close()
}

// Qualified is a wide-table cell: a number shown with its qualifier. In
// XLSX it stays a number, displayed through a number format ("超"0); in CSV
// and JSON it is text such as 超6500 (exact figures are plain numbers).
type Qualified struct {
	Value  float64
	Prefix string // 超, 近, 约 / more than …; "" for exact
}

func (q Qualified) format() string {
	f := numberFormat(q.Value)
	if q.Prefix == "" {
		return f
	}
	return `"` + strings.ReplaceAll(q.Prefix, `"`, "") + `"` + f
}

func (q Qualified) String() string { return q.Prefix + figure.Digits(q.Value) }
