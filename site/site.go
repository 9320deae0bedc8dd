// Package site holds a district's dashboard definition: the site's name,
// its home region, comparison groups, topics, overview cards and charts. A
// statistics office writes it as data/dashboard.yaml; Parse reads it with
// the line of every key, and Validate checks it against the indicators and
// regions of the same data directory, so that check and ingest report
// "data/dashboard.yaml:LINE: key path: what" as they do for the CSV files.
//
// The definition is stored in the snapshot as canonical JSON (the json tags
// below), so a server takes it up together with the figures it describes.
package site

import (
	"fmt"
	"time"
)

// DefaultTimeZone is used when the definition names none.
const DefaultTimeZone = "Asia/Shanghai"

// FileName is the definition's file in a data directory.
const FileName = "dashboard.yaml"

// Definition is the whole dashboard of one district.
type Definition struct {
	Site   Site    `yaml:"site" json:"site"`
	Groups []Group `yaml:"groups" json:"groups,omitempty"`
	Topics []Topic `yaml:"topics" json:"topics"`
	Pos    Pos     `yaml:"-" json:"-"`
}

// Site names the dashboard and says whose it is.
type Site struct {
	NameZh     string `yaml:"name_zh" json:"name_zh"`
	NameEn     string `yaml:"name_en" json:"name_en"`
	HomeRegion string `yaml:"home_region" json:"home_region"`
	TimeZone   string `yaml:"time_zone" json:"time_zone"` // an IANA name; DefaultTimeZone when empty
	// CompareRegion is the region a briefing sets the home region's
	// percentages against (the national figure its source could have
	// known); empty: percentages stand alone.
	CompareRegion string `yaml:"compare_region" json:"compare_region,omitempty"`
	Pos           Pos    `yaml:"-" json:"-"`
}

// Group is a named list of regions that charts compare, e.g. a city's districts.
type Group struct {
	ID      string   `yaml:"id" json:"id"`
	NameZh  string   `yaml:"name_zh" json:"name_zh"`
	NameEn  string   `yaml:"name_en" json:"name_en"`
	Regions []string `yaml:"regions" json:"regions"`
	Pos     Pos      `yaml:"-" json:"-"`
}

// Topic is one topic page, in the order of the file.
type Topic struct {
	ID     string   `yaml:"id" json:"id"`
	NameZh string   `yaml:"name_zh" json:"name_zh"`
	NameEn string   `yaml:"name_en" json:"name_en"`
	Cards  []string `yaml:"cards" json:"cards,omitempty"` // indicator ids on the overview, in order
	Charts []Chart  `yaml:"charts" json:"charts"`
	// PolicyMeasures shows the table of policy_measures.csv on this topic's page.
	PolicyMeasures bool `yaml:"policy_measures" json:"policy_measures,omitempty"`
	Pos            Pos  `yaml:"-" json:"-"`
}

// Chart is one chart of a topic page.
type Chart struct {
	ID         string   `yaml:"id" json:"id"`
	TitleZh    string   `yaml:"title_zh" json:"title_zh"`
	TitleEn    string   `yaml:"title_en" json:"title_en"`
	Kind       string   `yaml:"kind" json:"kind"`
	Indicators []string `yaml:"indicators" json:"indicators"`
	Regions    []string `yaml:"regions" json:"regions,omitempty"`
	Group      string   `yaml:"group" json:"group,omitempty"` // instead of regions
	From       string   `yaml:"from" json:"from,omitempty"`   // period notations; empty: no bound
	To         string   `yaml:"to" json:"to,omitempty"`
	NoteZh     string   `yaml:"note_zh" json:"note_zh,omitempty"`
	NoteEn     string   `yaml:"note_en" json:"note_en,omitempty"`
	Pos        Pos      `yaml:"-" json:"-"`
}

// Chart kinds, chosen by what the data is.
const (
	Line        = "line"         // a time series as a line: rates, shares, intensities
	Bar         = "bar"          // a time series as bars: amounts and counts per period
	Compare     = "compare"      // regions compared within one period
	Composition = "composition"  // shares of one whole, stacked, per period
	Tiles       = "tiles"        // stand-alone figures as labelled tiles: a value, a target, figures of different units
	HomeVsRest  = "home_vs_rest" // a region against the rest of its parent (parent minus region)
)

// Kinds lists every chart kind, in the order messages name them.
var Kinds = []string{Line, Bar, Compare, Composition, Tiles, HomeVsRest}

// Pos is where an element and each of its keys stand in the file: for
// messages only, never stored.
type Pos struct {
	Line int            // the element's first line
	Keys map[string]int // key -> line of its value; list items as "key[i]"
}

// Of gives the line of a key, or of the element when the key is absent.
func (p Pos) Of(key string) int {
	if l, ok := p.Keys[key]; ok {
		return l
	}
	return p.Line
}

// Item gives the line of a list key's i-th item.
func (p Pos) Item(key string, i int) int { return p.Of(fmt.Sprintf("%s[%d]", key, i)) }

// Problem is one thing wrong with a definition.
type Problem struct {
	Line int    // 1-based; 0 for the file as a whole
	Path string // key path, e.g. topics[economy].charts[gdp].kind
	Msg  string
}

func (p Problem) String() string {
	s := p.Msg
	if p.Path != "" {
		s = p.Path + ": " + s
	}
	if p.Line > 0 {
		return fmt.Sprintf("%d: %s", p.Line, s)
	}
	return s
}

// TimeZoneName is the site's time zone, the default when none is set.
func (d *Definition) TimeZoneName() string {
	if d.Site.TimeZone == "" {
		return DefaultTimeZone
	}
	return d.Site.TimeZone
}

// Topic finds a topic by id.
func (d *Definition) Topic(id string) (*Topic, bool) {
	for i := range d.Topics {
		if d.Topics[i].ID == id {
			return &d.Topics[i], true
		}
	}
	return nil, false
}

// Group finds a comparison group by id.
func (d *Definition) Group(id string) (*Group, bool) {
	for i := range d.Groups {
		if d.Groups[i].ID == id {
			return &d.Groups[i], true
		}
	}
	return nil, false
}

// Chart finds a topic's chart.
func (d *Definition) Chart(topic, id string) (*Chart, bool) {
	t, ok := d.Topic(topic)
	if !ok {
		return nil, false
	}
	for i := range t.Charts {
		if t.Charts[i].ID == id {
			return &t.Charts[i], true
		}
	}
	return nil, false
}

// ChartRegions gives the regions a chart draws: its own list, or its
// group's, in the order written.
func (d *Definition) ChartRegions(c *Chart) []string {
	if c.Group != "" {
		if g, ok := d.Group(c.Group); ok {
			return g.Regions
		}
	}
	return c.Regions
}

// NamedRegions is every region the definition names, each once, in the
// order first named: the home region, the region briefings compare with,
// the groups' and the charts' regions. Pages read these regions' figures
// far more than any other's: forms offer them, and ingest stores their
// figures first, side by side (regions.place in ingest/schema.sql).
func (d *Definition) NamedRegions() []string {
	var out []string
	seen := map[string]bool{"": true}
	add := func(ids ...string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	add(d.Site.HomeRegion, d.Site.CompareRegion)
	for _, g := range d.Groups {
		add(g.Regions...)
	}
	for _, t := range d.Topics {
		for _, c := range t.Charts {
			add(c.Regions...)
		}
	}
	return out
}

// Location is the site's time zone; Validate has checked its name.
func (d *Definition) Location() *time.Location {
	loc, err := time.LoadLocation(d.TimeZoneName())
	if err != nil {
		return time.UTC
	}
	return loc
}
