package export

import (
	"districtstats/queries"
)

// Columns of the small tables, as in data/.
var (
	IndicatorColumns = []string{"id", "topic", "name_zh", "name_en", "unit", "unit_zh", "unit_en", "decimals", "definition_zh", "definition_en", "note", "price_basis", "real_growth"}
	RegionColumns    = []string{"id", "name_zh", "name_en", "level", "parent"}
	SourceColumns    = []string{"id", "title", "publisher", "publisher_en", "published", "url", "note", "title_given", "copy"}
)

func indicatorCells(i *queries.Indicator) []any {
	return []any{i.ID, i.Topic, i.NameZh, i.NameEn, i.Unit, i.UnitZh, i.UnitEn, i.Decimals, i.DefinitionZh, i.DefinitionEn, i.Note, i.PriceBasis, i.RealGrowth}
}

func regionCells(r *queries.Region) []any {
	return []any{r.ID, r.NameZh, r.NameEn, r.Level, r.Parent}
}

func sourceCells(s *queries.Source) []any {
	titleGiven, copied := "", ""
	if !s.TitleGiven {
		titleGiven = "no"
	}
	if s.Copy {
		copied = "yes"
	}
	return []any{s.ID, s.Title, s.Publisher, s.PublisherEn, s.Published, s.URL, s.Note, titleGiven, copied}
}

// smallTable is one of the snapshot's small tables as cells.
func smallTable(cat *Catalog, name string) ([]string, [][]any, bool) {
	var rows [][]any
	switch name {
	case "indicators":
		for i := range cat.Indicators {
			rows = append(rows, indicatorCells(&cat.Indicators[i]))
		}
		return IndicatorColumns, rows, true
	case "regions":
		for i := range cat.Regions {
			rows = append(rows, regionCells(&cat.Regions[i]))
		}
		return RegionColumns, rows, true
	case "sources":
		for i := range cat.Sources {
			rows = append(rows, sourceCells(&cat.Sources[i]))
		}
		return SourceColumns, rows, true
	}
	return nil, nil, false
}

func writeRows(t table, cols []string, rows [][]any) error {
	if err := t.header(cols); err != nil {
		return err
	}
	for _, r := range rows {
		if err := t.row(r); err != nil {
			return err
		}
	}
	return nil
}
