package export

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"time"

	"districtstats/queries"
	"districtstats/transform"
)

// JSON shapes, shared with the API. Values are JSON numbers; a gap is null.
type (
	SnapshotJSON struct {
		BuiltAt time.Time `json:"built_at"`
	}
	IndicatorJSON struct {
		ID           string `json:"id"`
		Topic        string `json:"topic"`
		NameZh       string `json:"name_zh"`
		NameEn       string `json:"name_en"`
		Unit         string `json:"unit"`
		UnitZh       string `json:"unit_zh"`
		UnitEn       string `json:"unit_en"`
		Decimals     int    `json:"decimals"`
		DefinitionZh string `json:"definition_zh"`
		DefinitionEn string `json:"definition_en"`
		Note         string `json:"note"`
		PriceBasis   string `json:"price_basis"`
		RealGrowth   string `json:"real_growth"`
		Observations int    `json:"observations"`
	}
	RegionJSON struct {
		ID     string `json:"id"`
		NameZh string `json:"name_zh"`
		NameEn string `json:"name_en"`
		Level  string `json:"level"`
		Parent string `json:"parent"`
	}
	SourceJSON struct {
		ID          string `json:"id"`
		Title       string `json:"title"`
		Publisher   string `json:"publisher"`
		PublisherEn string `json:"publisher_en"`
		Published   string `json:"published"`
		URL         string `json:"url"`
		Note        string `json:"note"`
		TitleGiven  bool   `json:"title_given"` // false: title is a description, not a headline
		Copy        bool   `json:"copy"`        // url is a copy on another site
	}
	ObservationJSON struct {
		Indicator  string   `json:"indicator"`
		Region     string   `json:"region"`
		Period     string   `json:"period"`
		Freq       string   `json:"freq"`
		Value      *float64 `json:"value"`
		Unit       string   `json:"unit"`
		Qualifier  string   `json:"qualifier"`
		Status     string   `json:"status"`
		Transform  string   `json:"transform"`
		BasePeriod string   `json:"base_period,omitempty"`
		Source     string   `json:"source"`
		BaseSource string   `json:"base_source,omitempty"`
		Published  string   `json:"publication_date"`
		Latest     bool     `json:"latest"`
		Note       string   `json:"note"`
		// What the source said about the period: "" stated, "no" (the
		// period is inferred), "recent", "within 3-5 years".
		PeriodStated string `json:"period_stated,omitempty"`
	}
)

func Indicator(i *queries.Indicator) IndicatorJSON {
	return IndicatorJSON{i.ID, i.Topic, i.NameZh, i.NameEn, i.Unit, i.UnitZh, i.UnitEn, i.Decimals, i.DefinitionZh, i.DefinitionEn, i.Note, i.PriceBasis, i.RealGrowth, i.Observations}
}

func Region(r *queries.Region) RegionJSON { return RegionJSON(*r) }

func Source(s *queries.Source) SourceJSON {
	return SourceJSON{s.ID, s.Title, s.Publisher, s.PublisherEn, s.Published, s.URL, s.Note, s.TitleGiven, s.Copy}
}

// Observation is a row in JSON form.
func Observation(cat *Catalog, r *transform.Row) ObservationJSON {
	code, _, _ := unitNames(r, cat.IndicatorOrID(r.Indicator))
	o := ObservationJSON{Indicator: r.Indicator, Region: r.Region, Period: r.Period, Freq: r.Freq, Unit: code,
		Qualifier: r.Qualifier, Status: r.Status, Transform: r.Transform, BasePeriod: r.Base, Source: r.Source,
		BaseSource: r.BaseSource, Published: r.SourcePublished, Latest: r.Latest, Note: r.Note, PeriodStated: r.PeriodStated}
	if o.Published == "" {
		o.Published = cat.SourceOrID(r.Source).Published
	}
	if !r.Null {
		v := r.Value
		o.Value = &v
	}
	return o
}

// writeObservationsJSON streams {"snapshot", "observations": [...], then
// the indicators, regions and sources the rows used}. Metadata follows the
// rows because only then is it known which sources they cite.
func writeObservationsJSON(w io.Writer, cat *Catalog, rows Rows) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	bw.WriteString(`{"snapshot":`)
	if err := enc.Encode(SnapshotJSON{cat.BuiltAt}); err != nil {
		return err
	}
	bw.WriteString(`,"observations":[`)
	var u used
	n := 0
	err := rows(func(r *transform.Row) error {
		u.add(r)
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		if err := enc.Encode(Observation(cat, r)); err != nil {
			return err
		}
		if n%flushEvery == 0 {
			if err := bw.Flush(); err != nil {
				return err
			}
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	meta := struct {
		Indicators []IndicatorJSON `json:"indicators"`
		Regions    []RegionJSON    `json:"regions"`
		Sources    []SourceJSON    `json:"sources"`
	}{[]IndicatorJSON{}, []RegionJSON{}, []SourceJSON{}}
	for _, id := range u.indicators {
		meta.Indicators = append(meta.Indicators, Indicator(cat.IndicatorOrID(id)))
	}
	for _, id := range u.regions {
		meta.Regions = append(meta.Regions, Region(cat.RegionOrID(id)))
	}
	for _, id := range u.sources {
		meta.Sources = append(meta.Sources, Source(cat.SourceOrID(id)))
	}
	b, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	bw.WriteString("],")
	bw.Write(b[1:]) // the metadata object's fields, closing the outer object
	bw.WriteByte('\n')
	return bw.Flush()
}
