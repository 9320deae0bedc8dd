package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// sheet is one table as read from a file: an XLSX sheet or a CSV file.
type sheet struct {
	file string // as the user named it
	name string // the sheet's name; "" for CSV
	rows [][]cell
}

// cell is what a cell shows and, for XLSX, the value it holds: a cell
// formatted "#,##0" shows "9,501" and holds 9501; one formatted "0.00"
// may show 8035.88 and hold 8035.876.
type cell struct {
	text string
	raw  string
}

// ref names a cell as a person finds it: report.xlsx:Sheet1!C5, or
// report.csv:C5 for a CSV file (Excel opens it as one sheet).
func (s *sheet) ref(row, col int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	if s.name == "" {
		return s.file + ":" + name
	}
	return s.file + ":" + s.name + "!" + name
}

// where names the sheet itself, for problems with the whole table.
func (s *sheet) where() string {
	if s.name == "" {
		return s.file
	}
	return s.file + ":" + s.name
}

func (s *sheet) at(row, col int) cell {
	if row < len(s.rows) && col < len(s.rows[row]) {
		return s.rows[row][col]
	}
	return cell{}
}

// MaxFileSize bounds what one file may hold; a statistics table is far smaller.
const MaxFileSize = 20 << 20

// readFile reads every sheet of an XLSX file (or the one named), or a CSV
// file. shown is the name used in messages.
func readFile(shown string, data []byte, sheetName string) ([]*sheet, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: file is larger than %d MB", shown, MaxFileSize>>20)
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(shown, data, sheetName)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fmt.Errorf("%s: this is an old Excel .xls (or an encrypted) file; open it in Excel or WPS and save it as .xlsx", shown)
	}
	if ext := strings.ToLower(filepath.Ext(shown)); ext != ".csv" && ext != ".txt" {
		return nil, fmt.Errorf("%s: not an .xlsx or .csv file", shown)
	}
	if sheetName != "" {
		return nil, fmt.Errorf("%s: -sheet is for .xlsx files; a CSV file has one table", shown)
	}
	s, err := readCSV(shown, data)
	if err != nil {
		return nil, err
	}
	return []*sheet{s}, nil
}

func readXLSX(shown string, data []byte, sheetName string) ([]*sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open as .xlsx: %v", shown, err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if sheetName != "" {
		if idx, _ := f.GetSheetIndex(sheetName); idx < 0 {
			return nil, fmt.Errorf("%s: no sheet %q (sheets: %s)", shown, sheetName, strings.Join(names, ", "))
		}
		names = []string{sheetName}
	}
	var out []*sheet
	for _, name := range names {
		if vis, _ := f.GetSheetVisible(name); !vis && sheetName == "" {
			continue // a hidden sheet is a working sheet, not a published table
		}
		shownRows, err := f.GetRows(name)
		if err != nil {
			return nil, fmt.Errorf("%s:%s: %v", shown, name, err)
		}
		rawRows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%s:%s: %v", shown, name, err)
		}
		s := &sheet{file: shown, name: name, rows: make([][]cell, len(shownRows))}
		for r, row := range shownRows {
			s.rows[r] = make([]cell, len(row))
			for c, text := range row {
				raw := text
				if r < len(rawRows) && c < len(rawRows[r]) {
					raw = rawRows[r][c]
				}
				s.rows[r][c] = cell{text: text, raw: raw}
			}
		}
		// A merged cell holds its value in its top-left cell only; a header
		// "2024年" merged over two columns heads both.
		merged, err := f.GetMergeCells(name)
		if err != nil {
			return nil, fmt.Errorf("%s:%s: %v", shown, name, err)
		}
		for _, m := range merged {
			c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 != nil || err2 != nil {
				continue
			}
			top := s.at(r1-1, c1-1)
			for r := r1 - 1; r < r2; r++ {
				for c := c1 - 1; c < c2; c++ {
					s.set(r, c, top)
				}
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func (s *sheet) set(row, col int, v cell) {
	for len(s.rows) <= row {
		s.rows = append(s.rows, nil)
	}
	for len(s.rows[row]) <= col {
		s.rows[row] = append(s.rows[row], cell{})
	}
	s.rows[row][col] = v
}

// readCSV reads a CSV file saved as "CSV UTF-8" (with or without the BOM
// Excel writes) or as plain "CSV" by Chinese Excel or WPS (GBK/GB18030),
// with CRLF or LF line ends.
func readCSV(shown string, data []byte) (*sheet, error) {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("%s: text is neither UTF-8 nor GBK/GB18030", shown)
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	s := &sheet{file: shown}
	lastLine := 0 // the line the previous record ended on
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: malformed CSV: %v", shown, err)
		}
		// encoding/csv skips blank lines; Excel shows them as blank rows,
		// and cell names must match what the office sees.
		line, _ := r.FieldPos(0)
		for ; lastLine+1 < line; lastLine++ {
			s.rows = append(s.rows, nil)
		}
		endLine, _ := r.FieldPos(len(rec) - 1)
		lastLine = endLine + strings.Count(rec[len(rec)-1], "\n")
		row := make([]cell, len(rec))
		for i, v := range rec {
			row[i] = cell{text: v, raw: v}
		}
		s.rows = append(s.rows, row)
	}
	return s, nil
}
