package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
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
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			ps.add(shown, 0, "file is missing (expected a CSV file with header %s)", strings.Join(header, ","))
		} else {
			ps.add(shown, 0, "cannot read: %v", err)
		}
		return false
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
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
			if errors.As(err, &pe) {
				ps.add(shown, pe.Line, "malformed CSV: %v", pe.Err)
			} else {
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
				ps.add(shown, line, "header is %q, want %q", strings.Join(rec, ","), strings.Join(header, ","))
				return false
			}
			continue
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank line
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
		ps.add(shown, 0, "file is empty (expected header %s)", strings.Join(header, ","))
		return false
	}
	return true
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
