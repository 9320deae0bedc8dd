package queries

import (
	"context"
	"fmt"
	"os"
	"strings"
)

// ObservationsRanked answers f as Observations does, but always through
// ranked_observations (the vintage rule computed per query), even as of
// now: what the stored-flag variant must equal.
func ObservationsRanked(ctx context.Context, q Querier, f Filter) ([]Observation, error) {
	var out []Observation
	err := eachOrdered(ctx, q, "observations", f, func(o *Observation, _ order) error {
		out = append(out, *o)
		return nil
	})
	return out, err
}

// CachedResultBytes is what d's result cache holds now.
func (d *DB) CachedResultBytes() int64 { return d.results.cachedBytes() }

// DecodeHashes maps each hash figures.sql sends back to its text, by
// column (period, terms), as the figure context does; terms read
// "qualifier | status | source | period_stated".
func DecodeHashes(ctx context.Context, q Querier) (map[string]map[uint64]string, error) {
	fc, err := loadFigureContext(ctx, q)
	if err != nil {
		return nil, err
	}
	out := map[string]map[uint64]string{"period": {}, "terms": {}}
	for h, p := range fc.periodOf {
		out["period"][h] = p.id
	}
	for h, t := range fc.termsOf {
		out["terms"][h] = t.text()
	}
	return out, nil
}

// DecodeSeries is the indicator and region the figure context reads a
// series number (figures.sql's series column) as; "" for a number it does
// not know.
func DecodeSeries(ctx context.Context, q Querier, series int64) (indicator, region string, err error) {
	fc, err := loadFigureContext(ctx, q)
	if err != nil {
		return "", "", err
	}
	if ind, reg := fc.seriesAt(series); ind != nil {
		return ind.id, reg.id, nil
	}
	return "", "", nil
}

// FiguresPath names how figuresOf asks figures.sql for f: a variant's key,
// "series text, N runs" for a text seriesText wrote, or "none" when none
// of f's ids is in the snapshot.
func FiguresPath(ctx context.Context, q Querier, f Filter) (string, error) {
	fc, err := contextOf(ctx, q)
	if err != nil {
		return "", err
	}
	key, text, _, some := fc.figuresQuery(f)
	switch {
	case !some:
		return "none", nil
	case text != "":
		return fmt.Sprintf("series text, %d runs", strings.Count(text, "\nUNION ALL\n")+1), nil
	}
	return key, nil
}

// RemoveBundledSnapshot removes the snapshot the package's own tests built
// (bundledSnapshot), if they built one.
func RemoveBundledSnapshot() {
	if bundled.dir != "" {
		os.RemoveAll(bundled.dir)
	}
}
