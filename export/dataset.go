package export

import (
	"encoding/json"
	"fmt"
	"io"
)

// Tables of the whole dataset, in the order the downloads page lists them.
var Tables = []string{"observations", "indicators", "regions", "sources"}

// WriteTable writes one table of the dataset; obs streams the observations
// (used only for the observations table). XLSX writes every table, a sheet
// each, whatever name says.
func WriteTable(w io.Writer, f Format, cat *Catalog, name string, obs Rows) error {
	if f == XLSX {
		return writeWorkbook(w, cat, obs)
	}
	if name == "observations" {
		return WriteObservations(w, f, cat, obs)
	}
	cols, rows, ok := smallTable(cat, name)
	if !ok {
		return fmt.Errorf("no table %q: use one of observations, indicators, regions, sources", name)
	}
	switch f {
	case CSV, ExcelCSV:
		t, err := newCSVTable(w, f == ExcelCSV)
		if err != nil {
			return err
		}
		if err := writeRows(t, cols, rows); err != nil {
			return err
		}
		return t.flush()
	case Parquet:
		return writeSmallParquet(w, cat, name)
	case JSON:
		out := map[string]any{"snapshot": SnapshotJSON{cat.BuiltAt}}
		switch name {
		case "indicators":
			list := []IndicatorJSON{}
			for i := range cat.Indicators {
				list = append(list, Indicator(&cat.Indicators[i]))
			}
			out[name] = list
		case "regions":
			list := []RegionJSON{}
			for i := range cat.Regions {
				list = append(list, Region(&cat.Regions[i]))
			}
			out[name] = list
		case "sources":
			list := []SourceJSON{}
			for i := range cat.Sources {
				list = append(list, Source(&cat.Sources[i]))
			}
			out[name] = list
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	return fmt.Errorf("format %q: not a table format", f)
}

// writeWorkbook is the whole dataset as one workbook, a sheet per table.
func writeWorkbook(w io.Writer, cat *Catalog, obs Rows) error {
	b := newXLSXBook()
	if err := b.sheet("observations"); err != nil {
		return err
	}
	if err := writeObservationTable(b, cat, obs, nil); err != nil {
		return err
	}
	for _, name := range Tables[1:] {
		cols, rows, _ := smallTable(cat, name)
		if err := b.sheet(name); err != nil {
			return err
		}
		if err := writeRows(b, cols, rows); err != nil {
			return err
		}
	}
	return b.write(w)
}
