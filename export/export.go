// Package export writes statistics in the formats analysts use: CSV (plain,
// for machines), CSV for Excel (BOM, CRLF, formulas neutralised), XLSX,
// JSON and Parquet. Writers stream: rows go out as they come from the
// query, so a million-row export starts at once and runs in bounded memory.
// The dashboard and the command line both write through here.
package export

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"strings"
	"unicode/utf8"

	"districtstats/snapshot"
)

// Format is an export format.
type Format string

const (
	CSV      Format = "csv"       // UTF-8, no BOM, LF line ends, raw numbers
	ExcelCSV Format = "excel-csv" // UTF-8 with BOM, CRLF, formula-like text neutralised
	XLSX     Format = "xlsx"
	JSON     Format = "json"
	Parquet  Format = "parquet"
)

// Formats lists every format, for flags and messages.
var Formats = []Format{CSV, ExcelCSV, XLSX, JSON, Parquet}

// ParseFormat reads a format name; "excel" is accepted for excel-csv.
func ParseFormat(s string) (Format, error) {
	if s == "excel" {
		return ExcelCSV, nil
	}
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("format %q: use one of csv, excel-csv, xlsx, json, parquet", s)
}

// Ext is the file extension of a format, without the dot.
func (f Format) Ext() string {
	if f == ExcelCSV {
		return "csv"
	}
	return string(f)
}

// ContentType is the media type a format is served with.
func (f Format) ContentType() string {
	switch f {
	case CSV, ExcelCSV:
		return "text/csv; charset=utf-8; header=present"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case JSON:
		return "application/json; charset=utf-8"
	case Parquet:
		return "application/vnd.apache.parquet"
	}
	return "application/octet-stream"
}

// Disposition is a Content-Disposition header for a download: an ASCII
// filename for old clients and an RFC 6266 filename* with the Chinese name.
// Names are bounded (a report of thousands of ids would otherwise send a
// header of hundreds of KB, and file systems refuse names over 255 bytes):
// a long name keeps its start and gets a short hash of the whole, so two
// selections still get two names.
func Disposition(ascii, zh string, f Format) string {
	ext := "." + f.Ext()
	if f == ExcelCSV {
		// Its own name, so it never overwrites the plain CSV in a download folder.
		ext = "-excel" + ext
	}
	ascii = bounded(asciiName(ascii), maxNameBytes)
	zh = bounded(zh, maxNameBytes)
	h := fmt.Sprintf(`attachment; filename="%s%s"`, ascii, ext)
	if zh != "" {
		h += "; filename*=UTF-8''" + strings.ReplaceAll(url.PathEscape(zh+ext), "+", "%2B")
	}
	return h
}

// maxNameBytes bounds a file name without its extension: 120 bytes is 40
// Chinese characters, and leaves room within 255 bytes once percent-encoded
// names are decoded.
const maxNameBytes = 120

// bounded cuts s to at most max bytes on a character boundary, ending it
// with "-" and 8 hex digits of a hash of the whole name.
func bounded(s string, max int) string {
	if len(s) <= max {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(s))
	suffix := fmt.Sprintf("-%08x", h.Sum32())
	cut := max - len(suffix)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + suffix
}

// asciiName keeps letters, digits, '-', '_' and '.'; anything else becomes '-'.
func asciiName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			b[i] = '-'
		}
	}
	if len(b) == 0 {
		return "export"
	}
	return string(b)
}

// Catalog is what the writers look names, units and sources up in: the
// snapshot's small tables, the one catalog the server and the command line
// share (package snapshot).
type Catalog = snapshot.Catalog
