package export

import (
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"districtstats/queries"
	"districtstats/transform"
)

// ObservationRecord is one row of observations.parquet. Value is null for
// a gap in a transformed series.
type ObservationRecord struct {
	Indicator       string   `parquet:"indicator,dict"`
	IndicatorZh     string   `parquet:"indicator_zh,dict"`
	IndicatorEn     string   `parquet:"indicator_en,dict"`
	Region          string   `parquet:"region,dict"`
	RegionZh        string   `parquet:"region_zh,dict"`
	RegionEn        string   `parquet:"region_en,dict"`
	Period          string   `parquet:"period,dict"`
	Freq            string   `parquet:"freq,dict"`
	Value           *float64 `parquet:"value,optional"`
	Unit            string   `parquet:"unit,dict"`
	UnitZh          string   `parquet:"unit_zh,dict"`
	UnitEn          string   `parquet:"unit_en,dict"`
	Qualifier       string   `parquet:"qualifier,dict"`
	Status          string   `parquet:"status,dict"`
	Transform       string   `parquet:"transform,dict"`
	BasePeriod      string   `parquet:"base_period,dict"`
	Source          string   `parquet:"source,dict"`
	BaseSource      string   `parquet:"base_source,dict"`
	SourceTitle     string   `parquet:"source_title,dict"`
	SourcePublisher string   `parquet:"source_publisher,dict"`
	PublicationDate string   `parquet:"publication_date,dict"`
	SourceURL       string   `parquet:"source_url,dict"`
	Latest          bool     `parquet:"latest"`
	Note            string   `parquet:"note"`
	PeriodStated    string   `parquet:"period_stated,dict"`
}

// parquetBatch is how many rows are buffered before a write: the writer
// keeps at most one row group in memory.
const parquetBatch = 4096

func parquetOptions() []parquet.WriterOption {
	return []parquet.WriterOption{parquet.Compression(&zstd.Codec{}), parquet.MaxRowsPerRowGroup(128 * 1024)}
}

func writeObservationsParquet(w io.Writer, cat *Catalog, rows Rows) error {
	pw := parquet.NewGenericWriter[ObservationRecord](w, parquetOptions()...)
	batch := make([]ObservationRecord, 0, parquetBatch)
	values := make([]float64, parquetBatch)
	cells := make([]any, 0, len(ObservationColumns))
	err := rows(func(r *transform.Row) error {
		c := observationCells(cells, cat, r)
		rec := ObservationRecord{c[0].(string), c[1].(string), c[2].(string), c[3].(string), c[4].(string), c[5].(string),
			c[6].(string), c[7].(string), nil, c[9].(string), c[10].(string), c[11].(string), c[12].(string), c[13].(string),
			c[14].(string), c[15].(string), c[16].(string), c[17].(string), c[18].(string), c[19].(string), c[20].(string),
			c[21].(string), r.Latest, r.Note, r.PeriodStated}
		if !r.Null {
			values[len(batch)] = r.Value
			rec.Value = &values[len(batch)]
		}
		batch = append(batch, rec)
		if len(batch) == parquetBatch {
			if _, err := pw.Write(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := pw.Write(batch); err != nil {
		return err
	}
	return pw.Close()
}

// IndicatorRecord, RegionRecord and SourceRecord are the small tables in Parquet.
type IndicatorRecord struct {
	ID           string `parquet:"id"`
	Topic        string `parquet:"topic"`
	NameZh       string `parquet:"name_zh"`
	NameEn       string `parquet:"name_en"`
	Unit         string `parquet:"unit"`
	UnitZh       string `parquet:"unit_zh"`
	UnitEn       string `parquet:"unit_en"`
	Decimals     int32  `parquet:"decimals"`
	DefinitionZh string `parquet:"definition_zh"`
	DefinitionEn string `parquet:"definition_en"`
	Note         string `parquet:"note"`
}

type RegionRecord struct {
	ID     string `parquet:"id"`
	NameZh string `parquet:"name_zh"`
	NameEn string `parquet:"name_en"`
	Level  string `parquet:"level"`
	Parent string `parquet:"parent"`
}

type SourceRecord struct {
	ID          string `parquet:"id"`
	Title       string `parquet:"title"`
	Publisher   string `parquet:"publisher"`
	PublisherEn string `parquet:"publisher_en"`
	Published   string `parquet:"published"`
	URL         string `parquet:"url"`
	Note        string `parquet:"note"`
}

func writeParquet[T any](w io.Writer, recs []T) error {
	pw := parquet.NewGenericWriter[T](w, parquetOptions()...)
	if _, err := pw.Write(recs); err != nil {
		return err
	}
	return pw.Close()
}

func writeSmallParquet(w io.Writer, cat *Catalog, name string) error {
	switch name {
	case "indicators":
		recs := make([]IndicatorRecord, len(cat.Indicators))
		for k, i := range cat.Indicators {
			recs[k] = IndicatorRecord{i.ID, i.Topic, i.NameZh, i.NameEn, i.Unit, i.UnitZh, i.UnitEn, int32(i.Decimals), i.DefinitionZh, i.DefinitionEn, i.Note}
		}
		return writeParquet(w, recs)
	case "regions":
		recs := make([]RegionRecord, len(cat.Regions))
		for k, r := range cat.Regions {
			recs[k] = RegionRecord(r)
		}
		return writeParquet(w, recs)
	case "sources":
		recs := make([]SourceRecord, len(cat.Sources))
		for k, s := range cat.Sources {
			recs[k] = sourceRecord(s)
		}
		return writeParquet(w, recs)
	}
	return fmt.Errorf("no table %q", name)
}

func sourceRecord(s queries.Source) SourceRecord {
	return SourceRecord{s.ID, s.Title, s.Publisher, s.PublisherEn, s.Published, s.URL, s.Note}
}
