package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readCSV streams one data file, checks its encoding and header, and calls
// row for every record with its 1-based line number. Problems of form (not
// of content) are added to ps under the display name shown. It says whether
// it read the whole file: false when the file is missing, empty, has the
// wrong header, bad quoting or another encoding, or the problem cap stopped it.
//
// The last optional columns of header may be left out of a file (they came
// later); rows then reach row padded with empty fields.
func readCSV(path, shown string, header []string, optional int, ps *Problems, row func(line int, rec []string)) bool {
	// Messages name the required columns; data/README.md lists the optional ones.
	required := strings.Join(header[:len(header)-optional], ",")
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			ps.add(shown, 0, "file is missing (expected a CSV file with header %s)", required)
		} else {
			ps.add(shown, 0, "cannot read: %v", err)
		}
		return false
	}
	defer f.Close()
	br := bufio.NewReaderSize(&loneCR{r: f}, 1<<20)
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3) // Excel's "CSV UTF-8" starts with a BOM; it is not part of the header
	}
	r := newCSVReader(br) // any field count: we report wrong counts ourselves, with the line

	first := true
	width := len(header) // the columns this file has
	for {
		rec, line, err := r.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			switch {
			case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine < pe.Line:
				// The editor must fix the record where the quote opened, not
				// the line where the reader gave up.
				ps.add(shown, pe.StartLine, "malformed CSV: the quoted field that opens on this line does not close properly "+
					"(the reader ran on to line %d); a quote inside a field is written twice (\"\")", pe.Line)
			case errors.As(err, &pe):
				ps.add(shown, pe.Line, "malformed CSV: %v", pe.Err)
			default:
				ps.add(shown, line, "malformed CSV: %v", err)
			}
			return false // the reader cannot resynchronise reliably after a quoting error
		}
		for _, field := range rec {
			if !utf8.ValidString(field) {
				ps.add(shown, line, "text is not valid UTF-8%s; save the file as \"CSV UTF-8\"", guessEncoding(field))
				return false // the whole file is in that encoding: one report is enough
			}
		}
		if first {
			first = false
			width = len(rec)
			if width < len(header)-optional || width > len(header) || strings.Join(rec, ",") != strings.Join(header[:width], ",") {
				ps.add(shown, line, "header is %q, want %q", strings.Join(rec, ","), required)
				return false
			}
			continue
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank line
		}
		if size, longest := recordSize(rec); size > MaxRecordBytes {
			ps.add(shown, line, "column %q: the record is %s bytes long; one may hold at most %s bytes: put long text in a document and cite it in sources.csv",
				header[min(longest, len(header)-1)], thousands(size), thousands(MaxRecordBytes))
			continue
		}
		if len(rec) != width {
			ps.add(shown, line, "has %d fields, want %d (%s)", len(rec), width, strings.Join(header[:width], ","))
			continue
		}
		if len(rec) < len(header) {
			rec = append(clone(rec), make([]string, len(header)-len(rec))...)
		}
		row(line, rec)
		if ps.full() {
			ps.Truncated = true
			return false
		}
	}
	if first {
		ps.add(shown, 0, "file is empty (expected header %s)", required)
		return false
	}
	return true
}

// MaxRecordBytes bounds one record (one row, all its fields). DuckDB's
// read_csv refuses lines over its max_line_size (2 MB by default) with an
// error the user cannot act on; the check refuses well before that, with
// the line and column, so that check and ingest always agree.
const MaxRecordBytes = 1 << 20

// recordSize is the bytes of a record's fields and the index of the longest.
func recordSize(rec []string) (size, longest int) {
	for i, f := range rec {
		size += len(f)
		if len(f) > len(rec[longest]) {
			longest = i
		}
	}
	return size, longest
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// loneCR turns a carriage return not followed by a line feed into a line
// feed: files saved with old Mac line ends (CR only) then count lines as an
// editor shows them, as DuckDB's read_csv does, instead of reading as one
// long line 1. CRLF is left alone.
type loneCR struct {
	r    io.Reader
	held bool // a CR ended the last read; the next byte decides what it is
}

func (c *loneCR) Read(p []byte) (int, error) {
	if len(p) < 2 {
		return c.r.Read(p)
	}
	off := 0
	if c.held {
		p[0], off, c.held = '\r', 1, false
	}
	n, err := c.r.Read(p[off:])
	n += off
	if bytes.IndexByte(p[:n], '\r') < 0 {
		return n, err
	}
	for i := 0; i < n; i++ {
		if p[i] != '\r' {
			continue
		}
		switch {
		case i+1 < n:
			if p[i+1] != '\n' {
				p[i] = '\n'
			}
		case err == nil: // the last byte: hold it until the next read
			c.held = true
			n--
		default:
			p[i] = '\n'
		}
	}
	return n, err
}

// guessEncoding names the encoding that bytes which are not UTF-8 most likely
// use. Excel on Chinese Windows saves "CSV" as GBK (GB18030).
func guessEncoding(s string) string {
	dec, err := simplifiedchinese.GB18030.NewDecoder().String(s)
	if err == nil {
		for _, r := range dec {
			if unicode.Is(unicode.Han, r) {
				return " (it looks like GBK/GB18030, as Excel on Chinese Windows saves \"CSV\": " + quoteShort(dec) + ")"
			}
		}
	}
	return ""
}

func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 20 {
		s = string([]rune(s)[:20]) + "…"
	}
	return `"` + s + `"`
}
