package snapshot

import (
	"context"
	"time"

	"districtstats/queries"
)

// Catalog is the snapshot's small tables and their id -> row lookup: what
// every page, chart and export looks names, units and sources up in. It
// cannot change while the snapshot is open, so it is read once.
type Catalog struct {
	BuiltAt    time.Time
	Indicators []queries.Indicator
	Regions    []queries.Region
	Sources    []queries.Source

	indicator map[string]*queries.Indicator
	region    map[string]*queries.Region
	source    map[string]*queries.Source
}

// NewCatalog indexes tables already read.
func NewCatalog(builtAt time.Time, inds []queries.Indicator, regs []queries.Region, srcs []queries.Source) *Catalog {
	c := &Catalog{BuiltAt: builtAt, Indicators: inds, Regions: regs, Sources: srcs,
		indicator: make(map[string]*queries.Indicator, len(inds)),
		region:    make(map[string]*queries.Region, len(regs)),
		source:    make(map[string]*queries.Source, len(srcs))}
	for i := range inds {
		c.indicator[inds[i].ID] = &inds[i]
	}
	for i := range regs {
		c.region[regs[i].ID] = &regs[i]
	}
	for i := range srcs {
		c.source[srcs[i].ID] = &srcs[i]
	}
	return c
}

// LoadCatalog reads the catalog of an open snapshot.
func LoadCatalog(ctx context.Context, q queries.Querier) (*Catalog, error) {
	info, err := queries.Snapshot(ctx, q)
	if err != nil {
		return nil, err
	}
	inds, err := queries.Indicators(ctx, q)
	if err != nil {
		return nil, err
	}
	regs, err := queries.Regions(ctx, q)
	if err != nil {
		return nil, err
	}
	srcs, err := queries.Sources(ctx, q)
	if err != nil {
		return nil, err
	}
	return NewCatalog(info.BuiltAt, inds, regs, srcs), nil
}

// Indicator looks an indicator up by id.
func (c *Catalog) Indicator(id string) (*queries.Indicator, bool) {
	i, ok := c.indicator[id]
	return i, ok
}

// Region looks a region up by id.
func (c *Catalog) Region(id string) (*queries.Region, bool) {
	r, ok := c.region[id]
	return r, ok
}

// Source looks a source up by id.
func (c *Catalog) Source(id string) (*queries.Source, bool) {
	s, ok := c.source[id]
	return s, ok
}

// IndicatorOrID, RegionOrID and SourceOrID are the lookups for writers
// that must still write a row for an id the snapshot lacks: an unknown id
// gives an empty row carrying only the id, never a guessed name.
func (c *Catalog) IndicatorOrID(id string) *queries.Indicator {
	if i, ok := c.indicator[id]; ok {
		return i
	}
	return &queries.Indicator{ID: id}
}

func (c *Catalog) RegionOrID(id string) *queries.Region {
	if r, ok := c.region[id]; ok {
		return r
	}
	return &queries.Region{ID: id}
}

func (c *Catalog) SourceOrID(id string) *queries.Source {
	if s, ok := c.source[id]; ok {
		return s
	}
	return &queries.Source{ID: id}
}
