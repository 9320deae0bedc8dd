package site

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // time zones resolve on machines without a zoneinfo database

	"districtstats/period"
)

// Unit is an indicator's unit as indicators.csv gives it.
type Unit struct {
	Code string // yi_yuan, percent, count, …
	Zh   string // 亿元, %, 家, …
}

func (u Unit) String() string {
	if u.Zh == "" || u.Zh == u.Code {
		return u.Code
	}
	return u.Code + " (" + u.Zh + ")"
}

// Catalog is what a definition is checked against: the ids of the same
// data directory. A nil map means its file could not be read; ids are
// then not checked against it (that file's own problems are reported).
type Catalog struct {
	Units   map[string]Unit   // indicator id -> unit (indicators.csv)
	Parents map[string]string // region id -> parent id, "" at the top (regions.csv)
}

var reID = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Validate checks a parsed definition against the data's ids. Every
// problem names its line and key path.
func (d *Definition) Validate(cat Catalog) []Problem {
	v := validator{cat: cat, d: d}
	v.site()
	v.groups()
	v.topics()
	return v.ps
}

type validator struct {
	cat Catalog
	d   *Definition
	ps  []Problem
}

func (v *validator) add(line int, path, format string, args ...any) {
	v.ps = append(v.ps, Problem{Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) required(p Pos, path string, fields map[string]string) bool {
	ok := true
	for _, k := range sortedKeys(fields) {
		if fields[k] == "" {
			v.add(p.Line, join(path, k), "is required")
			ok = false
		}
	}
	return ok
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (v *validator) region(line int, path, id string) bool {
	if v.cat.Parents == nil {
		return true
	}
	if _, ok := v.cat.Parents[id]; !ok {
		v.add(line, path, "%q is not a region id in regions.csv", id)
		return false
	}
	return true
}

func (v *validator) indicator(line int, path, id string) bool {
	if v.cat.Units == nil {
		return true
	}
	if _, ok := v.cat.Units[id]; !ok {
		v.add(line, path, "%q is not an indicator id in indicators.csv", id)
		return false
	}
	return true
}

func (v *validator) id(line int, path, id string, seen map[string]int) {
	if !reID.MatchString(id) {
		v.add(line, path, "%q is not an id (lower-case letters, digits and _, starting with a letter)", id)
		return
	}
	if first, dup := seen[id]; dup {
		v.add(line, path, "%q is a duplicate of line %d", id, first)
		return
	}
	seen[id] = line
}

func (v *validator) site() {
	s := &v.d.Site
	if v.d.Pos.Keys["site"] == 0 {
		v.add(0, "site", "is required (name_zh, name_en, home_region)")
		return
	}
	v.required(s.Pos, "site", map[string]string{"name_zh": s.NameZh, "name_en": s.NameEn, "home_region": s.HomeRegion})
	if s.HomeRegion != "" {
		v.region(s.Pos.Of("home_region"), "site.home_region", s.HomeRegion)
	}
	if s.CompareRegion != "" {
		v.region(s.Pos.Of("compare_region"), "site.compare_region", s.CompareRegion)
	}
	if s.TimeZone != "" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "Local" {
			v.add(s.Pos.Of("time_zone"), "site.time_zone", "%q is not a time zone (an IANA name such as Asia/Shanghai)", s.TimeZone)
		}
	}
}

func (v *validator) groups() {
	seen := map[string]int{}
	for gi := range v.d.Groups {
		g := &v.d.Groups[gi]
		path := fmt.Sprintf("groups[%s]", nameOr(g.ID, gi))
		v.required(g.Pos, path, map[string]string{"id": g.ID, "name_zh": g.NameZh, "name_en": g.NameEn})
		if g.ID != "" {
			v.id(g.Pos.Of("id"), path+".id", g.ID, seen)
		}
		if len(g.Regions) == 0 {
			v.add(g.Pos.Line, path+".regions", "is required: the regions of the group")
		}
		v.regionList(g.Pos, path, g.Regions)
	}
}

// regionList checks a list of region ids: known, each once.
func (v *validator) regionList(p Pos, path string, ids []string) {
	seen := map[string]bool{}
	for i, id := range ids {
		line := p.Item("regions", i)
		if seen[id] {
			v.add(line, path+".regions", "%q is listed twice", id)
			continue
		}
		seen[id] = true
		v.region(line, path+".regions", id)
	}
}

func (v *validator) topics() {
	if len(v.d.Topics) == 0 {
		v.add(v.d.Pos.Of("topics"), "topics", "is required: at least one topic with its charts")
		return
	}
	topicIDs, chartIDs := map[string]int{}, map[string]int{}
	cards := map[string]int{}
	for ti := range v.d.Topics {
		t := &v.d.Topics[ti]
		path := fmt.Sprintf("topics[%s]", nameOr(t.ID, ti))
		v.required(t.Pos, path, map[string]string{"id": t.ID, "name_zh": t.NameZh, "name_en": t.NameEn})
		if t.ID != "" {
			v.id(t.Pos.Of("id"), path+".id", t.ID, topicIDs)
		}
		for i, id := range t.Cards {
			line := t.Pos.Item("cards", i)
			if first, dup := cards[id]; dup {
				v.add(line, path+".cards", "%q is already a card (line %d)", id, first)
				continue
			}
			cards[id] = line
			v.indicator(line, path+".cards", id)
		}
		if len(t.Charts) == 0 {
			v.add(t.Pos.Line, path, "has no chart: a topic page needs at least one")
		}
		for ci := range t.Charts {
			v.chart(&t.Charts[ci], fmt.Sprintf("%s.charts[%s]", path, nameOr(t.Charts[ci].ID, ci)), chartIDs)
		}
	}
}

func (v *validator) chart(c *Chart, path string, ids map[string]int) {
	v.required(c.Pos, path, map[string]string{"id": c.ID, "title_zh": c.TitleZh, "title_en": c.TitleEn, "kind": c.Kind})
	if c.ID != "" {
		v.id(c.Pos.Of("id"), path+".id", c.ID, ids)
	}
	kindOK := c.Kind == "" || oneOf(c.Kind, Kinds)
	if !kindOK {
		v.add(c.Pos.Of("kind"), path+".kind", "%q is not a chart kind (%s)", c.Kind, strings.Join(Kinds, ", "))
	}

	// Indicators: known, each once.
	if len(c.Indicators) == 0 {
		v.add(c.Pos.Line, path+".indicators", "is required: the indicators the chart draws")
	}
	seen := map[string]bool{}
	indsOK := true
	for i, id := range c.Indicators {
		line := c.Pos.Item("indicators", i)
		if seen[id] {
			v.add(line, path+".indicators", "%q is listed twice", id)
			indsOK = false
			continue
		}
		seen[id] = true
		indsOK = v.indicator(line, path+".indicators", id) && indsOK
	}

	// Regions: a list or a group, not both.
	regions := c.Regions
	switch {
	case len(c.Regions) > 0 && c.Group != "":
		v.add(c.Pos.Of("group"), path, "give regions or group, not both")
	case c.Group != "":
		if g, ok := v.d.Group(c.Group); ok {
			regions = g.Regions
		} else {
			v.add(c.Pos.Of("group"), path+".group", "%q is not a group in groups", c.Group)
			regions = nil
		}
	case len(c.Regions) == 0:
		v.add(c.Pos.Line, path+".regions", "is required (or group): the regions the chart draws")
	default:
		v.regionList(c.Pos, path, c.Regions)
	}

	// Period range.
	var from, to period.Period
	for _, b := range []struct {
		key, text string
		p         *period.Period
	}{{"from", c.From, &from}, {"to", c.To, &to}} {
		if b.text == "" {
			continue
		}
		p, err := period.Parse(b.text)
		if err != nil {
			v.add(c.Pos.Of(b.key), path+"."+b.key, "%q: %v", b.text, err)
			continue
		}
		*b.p = p
	}
	if !from.Start.IsZero() && !to.End.IsZero() && from.Start.After(to.End) {
		v.add(c.Pos.Of("to"), path+".to", "%q ends before from %q begins", c.To, c.From)
	}

	if !kindOK || c.Kind == "" {
		return
	}
	// What each kind needs.
	n := len(c.Indicators)
	switch c.Kind {
	case Compare:
		if n > 1 {
			v.add(c.Pos.Of("indicators"), path+".indicators", "kind compare draws one indicator across regions; %d given", n)
		}
		if len(regions) == 1 {
			v.add(c.Pos.Of("regions"), path+".regions", "kind compare needs two or more regions; 1 given")
		}
	case Composition:
		if n == 1 {
			v.add(c.Pos.Of("indicators"), path+".indicators", "kind composition needs two or more shares of one whole; 1 given")
		}
		if len(regions) > 1 {
			v.add(c.Pos.Of("regions"), path+".regions", "kind composition draws one region; %d given", len(regions))
		}
	case HomeVsRest:
		if n > 1 {
			v.add(c.Pos.Of("indicators"), path+".indicators", "kind home_vs_rest draws one indicator; %d given", n)
		}
		v.homeVsRest(c, path, regions)
	}
	if c.Kind != Tiles && indsOK && len(c.Indicators) > 1 && v.cat.Units != nil {
		v.oneUnit(c, path)
	}
}

// homeVsRest needs exactly a region and its parent, so that "the rest" is
// the parent minus the region.
func (v *validator) homeVsRest(c *Chart, path string, regions []string) {
	if len(regions) != 2 {
		v.add(c.Pos.Of("regions"), path+".regions", "kind home_vs_rest needs a region and its parent (regions: [region, parent]); %d given", len(regions))
		return
	}
	if v.cat.Parents == nil {
		return
	}
	parent, ok := v.cat.Parents[regions[0]]
	if ok && parent != regions[1] {
		if _, known := v.cat.Parents[regions[1]]; known {
			want := parent
			if want == "" {
				want = "none"
			}
			v.add(c.Pos.Item("regions", 1), path+".regions", "kind home_vs_rest needs a region and its parent: %q is not the parent of %q (regions.csv gives %s)", regions[1], regions[0], want)
		}
	}
}

// oneUnit rejects a chart that would put figures of different units on
// one axis: a count of firms next to a count of projects is as wrong as
// yuan next to percent.
func (v *validator) oneUnit(c *Chart, path string) {
	first := c.Indicators[0]
	u := v.cat.Units[first]
	for _, id := range c.Indicators[1:] {
		if w := v.cat.Units[id]; w != u {
			v.add(c.Pos.Of("indicators"), path+".indicators", "mixes units on one axis: %s is %s, %s is %s (give each unit its own chart, or use kind tiles)", first, u, id, w)
			return
		}
	}
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

func nameOr(id string, i int) string {
	if id != "" {
		return id
	}
	return fmt.Sprint(i)
}

func sortedKeys(m map[string]string) []string {
	// Fixed order for messages: the order keys are written in the format.
	order := []string{"id", "name_zh", "name_en", "title_zh", "title_en", "kind", "home_region"}
	var out []string
	for _, k := range order {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	return out
}
