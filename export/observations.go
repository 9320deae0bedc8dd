package export

import (
	"context"
	"districtstats/figure"
	"fmt"
	"io"

	"districtstats/queries"
	"districtstats/transform"
)

// Rows streams rows to yield, stopping at its first error.
type Rows func(yield func(*transform.Row) error) error

// Query streams the observations f selects straight from the snapshot,
// as published (no transform): the path a large export takes. Reading the
// rows and writing them overlap: one goroutine scans batches while the
// caller formats the previous one.
func Query(ctx context.Context, q queries.Querier, f queries.Filter) Rows {
	return func(yield func(*transform.Row) error) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		full := make(chan []transform.Row, 2)
		free := make(chan []transform.Row, 3)
		errc := make(chan error, 1)
		go func() {
			defer close(full)
			batch := make([]transform.Row, 0, queryBatch)
			send := func() error {
				select {
				case full <- batch:
				case <-ctx.Done():
					return ctx.Err()
				}
				select {
				case batch = <-free:
				default:
					batch = make([]transform.Row, 0, queryBatch)
				}
				return nil
			}
			err := queries.EachExportObservation(ctx, q, f, func(o *queries.Observation) error {
				batch = append(batch, transform.Row{Observation: *o, Transform: transform.Level})
				if len(batch) == queryBatch {
					return send()
				}
				return nil
			})
			if err == nil && len(batch) > 0 {
				err = send()
			}
			errc <- err
		}()
		for batch := range full {
			for i := range batch {
				if err := yield(&batch[i]); err != nil {
					cancel()
					for range full { // let the reader finish
					}
					return err
				}
			}
			select {
			case free <- batch[:0]:
			default:
			}
		}
		return <-errc
	}
}

// queryBatch is how many rows the reader hands over at once.
const queryBatch = 1024

// Slice streams rows already in memory (transformed series are small).
func Slice(rows []transform.Row) Rows {
	return func(yield func(*transform.Row) error) error {
		for i := range rows {
			if err := yield(&rows[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

// Select reads the observations f selects and applies transform t. A level
// streams; a transform needs whole series, so it goes through
// transform.Select, the one path every surface shares (series are short).
func Select(ctx context.Context, q queries.Querier, cat *Catalog, f queries.Filter, t string) (Rows, error) {
	if t == "" || t == transform.Level {
		return Query(ctx, q, f), nil
	}
	rows, err := transform.Select(ctx, q, f, t, cat.IndicatorOrID)
	if err != nil {
		return nil, err
	}
	return Slice(rows), nil
}

// ObservationColumns are the columns of an observations table, in order.
var ObservationColumns = []string{"indicator", "indicator_zh", "indicator_en", "region", "region_zh", "region_en",
	"period", "freq", "value", "unit", "unit_zh", "unit_en", "qualifier", "status", "transform", "base_period",
	"source", "base_source", "source_title", "source_publisher", "publication_date", "source_url", "latest", "note", "period_stated"}

// unitNames gives a row's unit: the indicator's, or the unit of a derived
// value (percent, percentage points), as transform says.
func unitNames(r *transform.Row, ind *queries.Indicator) (code, zh, en string) {
	u := r.UnitOf(figure.Unit{Code: ind.Unit, Zh: ind.UnitZh, En: ind.UnitEn})
	return u.Code, u.Zh, u.En
}

func observationCells(cells []any, cat *Catalog, r *transform.Row) []any {
	ind, reg, src := cat.IndicatorOrID(r.Indicator), cat.RegionOrID(r.Region), cat.SourceOrID(r.Source)
	code, zh, en := unitNames(r, ind)
	var value any = r.Value
	if r.Null {
		value = nil
	}
	title, publisher, published, url := r.SourceTitle, r.SourcePublisher, r.SourcePublished, r.SourceURL
	if title == "" { // rows built outside the observations query
		title, publisher, published, url = src.Title, src.Publisher, src.Published, src.URL
	}
	return append(cells[:0], r.Indicator, ind.NameZh, ind.NameEn, r.Region, reg.NameZh, reg.NameEn,
		r.Period, r.Freq, value, code, zh, en, r.Qualifier, r.Status, r.Transform, r.Base,
		r.Source, r.BaseSource, title, publisher, published, url, r.Latest, r.Note, r.PeriodStated)
}

// observationStrings is observationCells as CSV text.
func observationStrings(rec []string, cat *Catalog, r *transform.Row, excel bool) {
	ind, reg := cat.IndicatorOrID(r.Indicator), cat.RegionOrID(r.Region)
	code, zh, en := unitNames(r, ind)
	value := ""
	if !r.Null {
		value = figure.Digits(r.Value)
	}
	title, publisher, published, url := r.SourceTitle, r.SourcePublisher, r.SourcePublished, r.SourceURL
	if title == "" {
		src := cat.SourceOrID(r.Source)
		title, publisher, published, url = src.Title, src.Publisher, src.Published, src.URL
	}
	latest := "false"
	if r.Latest {
		latest = "true"
	}
	rec = append(rec[:0], r.Indicator, ind.NameZh, ind.NameEn, r.Region, reg.NameZh, reg.NameEn,
		r.Period, r.Freq, value, code, zh, en, r.Qualifier, r.Status, r.Transform, r.Base,
		r.Source, r.BaseSource, title, publisher, published, url, latest, r.Note, r.PeriodStated)
	if excel {
		for i := range rec {
			if i != 8 { // the value is a number, never text
				rec[i] = Neutralise(rec[i])
			}
		}
	}
}

// used collects the indicators, regions and sources an export touched, in
// order of first use, for the metadata sheet and JSON.
type used struct {
	indicators, regions, sources []string
	seen                         map[string]bool
}

func (u *used) add(r *transform.Row) {
	if u.seen == nil {
		u.seen = map[string]bool{}
	}
	for _, x := range []struct {
		kind, id string
		list     *[]string
	}{{"i", r.Indicator, &u.indicators}, {"r", r.Region, &u.regions}, {"s", r.Source, &u.sources}, {"s", r.BaseSource, &u.sources}} {
		if x.id == "" || u.seen[x.kind+x.id] {
			continue
		}
		u.seen[x.kind+x.id] = true
		*x.list = append(*x.list, x.id)
	}
}

// WriteObservations writes rows in format f.
func WriteObservations(w io.Writer, f Format, cat *Catalog, rows Rows) error {
	switch f {
	case CSV, ExcelCSV:
		t, err := newCSVTable(w, f == ExcelCSV)
		if err != nil {
			return err
		}
		if err := t.header(ObservationColumns); err != nil {
			return err
		}
		// Strings straight into the record: no boxing per cell, the hot
		// path of a million-row export.
		rec := make([]string, len(ObservationColumns))
		err = rows(func(r *transform.Row) error {
			observationStrings(rec, cat, r, t.excel)
			return t.strings(rec)
		})
		if err != nil {
			return err
		}
		return t.flush()
	case XLSX:
		b := newXLSXBook()
		var u used
		if err := b.sheet("observations"); err != nil {
			return err
		}
		if err := writeObservationTable(b, cat, rows, &u); err != nil {
			return err
		}
		if err := writeMetaSheets(b, cat, &u); err != nil {
			return err
		}
		return b.write(w)
	case JSON:
		return writeObservationsJSON(w, cat, rows)
	case Parquet:
		return writeObservationsParquet(w, cat, rows)
	}
	return fmt.Errorf("format %q: not an observations format", f)
}

func writeObservationTable(t table, cat *Catalog, rows Rows, u *used) error {
	if err := t.header(ObservationColumns); err != nil {
		return err
	}
	cells := make([]any, 0, len(ObservationColumns))
	return rows(func(r *transform.Row) error {
		if u != nil {
			u.add(r)
		}
		cells = observationCells(cells, cat, r)
		return t.row(cells)
	})
}

// writeMetaSheets adds the sources and indicators an export used, with
// their notes and definitions, as sheets after the data.
func writeMetaSheets(b *xlsxBook, cat *Catalog, u *used) error {
	if err := b.sheet("sources"); err != nil {
		return err
	}
	if err := b.header(SourceColumns); err != nil {
		return err
	}
	for _, id := range u.sources {
		if err := b.row(sourceCells(cat.SourceOrID(id))); err != nil {
			return err
		}
	}
	if err := b.sheet("indicators"); err != nil {
		return err
	}
	if err := b.header(IndicatorColumns); err != nil {
		return err
	}
	for _, id := range u.indicators {
		if err := b.row(indicatorCells(cat.IndicatorOrID(id))); err != nil {
			return err
		}
	}
	return nil
}
