package queries

import "context"

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
