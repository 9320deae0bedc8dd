package queries

import (
	"context"
	"database/sql"
)

// Indicator is one row of indicators.csv.
type Indicator struct {
	ID, Topic                  string
	NameZh, NameEn             string
	Unit, UnitZh, UnitEn       string
	Decimals                   int
	DefinitionZh, DefinitionEn string
	Note                       string
	PriceBasis                 string // current | constant | ""
	RealGrowth                 string // the indicator publishing this level's real growth, or ""
	Observations               int
}

// Indicators returns every indicator in file order.
func Indicators(ctx context.Context, q Querier) ([]Indicator, error) {
	var out []Indicator
	err := each(ctx, q, "indicators", func(r *sql.Rows) error {
		var i Indicator
		err := r.Scan(&i.ID, &i.Topic, &i.NameZh, &i.NameEn, &i.Unit, &i.UnitZh, &i.UnitEn, &i.Decimals,
			&i.DefinitionZh, &i.DefinitionEn, &i.Note, &i.PriceBasis, &i.RealGrowth, &i.Observations)
		out = append(out, i)
		return err
	})
	return out, err
}
