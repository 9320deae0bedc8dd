package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"districtstats/ingest"
)

// catalog is what an import is checked against: the data directory as it
// is, after ingest.Check passed on it.
type catalog struct {
	dir        string
	indicators map[string]indicator
	order      []string          // indicator ids in file order
	names      map[string]string // normalised name, English name, id or alias -> indicator id
	regions    map[string]region
	sources    map[string]time.Time // id -> last day of its publication date (zero: undated)
	existing   map[figureKey][]existingFigure
	lines      int // rows in observations.csv
}

type indicator struct {
	id, nameZh, nameEn, unitZh string
	decimals                   int
}

type region struct{ id, nameZh, nameEn, parent string }

type figureKey struct{ indicator, region, period string }

type existingFigure struct {
	value, qualifier, status, source string
	line                             int
}

func loadCatalog(dir string) (*catalog, error) {
	ds, err := ingest.Check(dir)
	if err != nil {
		return nil, fmt.Errorf("the data directory must pass check before an import:\n%w", err)
	}
	c := &catalog{dir: dir, indicators: map[string]indicator{}, names: map[string]string{},
		regions: map[string]region{}, sources: map[string]time.Time{}, existing: map[figureKey][]existingFigure{}}
	for _, r := range ds.Indicators {
		d, _ := strconv.Atoi(r[7])
		c.indicators[r[0]] = indicator{id: r[0], nameZh: r[2], nameEn: r[3], unitZh: r[5], decimals: d}
		c.order = append(c.order, r[0])
		for _, n := range []string{r[0], r[2], r[3]} {
			c.names[labelKey(n)] = r[0]
		}
	}
	for _, r := range ds.Aliases {
		c.names[labelKey(r[0])] = r[1]
	}
	for _, r := range ds.Regions {
		c.regions[r[0]] = region{id: r[0], nameZh: r[1], nameEn: r[2], parent: r[4]}
	}
	for _, r := range ds.Sources {
		c.sources[r[0]], _ = ingest.PublishedLast(r[4])
	}
	err = ingest.EachObservation(dir, func(line int, rec []string) {
		k := figureKey{rec[0], rec[1], rec[2]}
		c.existing[k] = append(c.existing[k], existingFigure{value: rec[3], qualifier: rec[4], status: rec[5], source: rec[6], line: line})
		c.lines++
	})
	return c, err
}

// latest is the vintage the dashboard shows for k, by the rule of the
// snapshot's ranked_observations: newest publication, then revised >
// final > preliminary > unknown, then the smallest source id.
// TestCatalogLatestIsTheSnapshots holds the two to the same choice.
func (c *catalog) latest(k figureKey) (existingFigure, bool) {
	figs := c.existing[k]
	if len(figs) == 0 {
		return existingFigure{}, false
	}
	rank := map[string]int{"revised": 4, "final": 3, "preliminary": 2, "unknown": 1}
	return slices.MaxFunc(figs, func(a, b existingFigure) int {
		if d := c.sources[a.source].Compare(c.sources[b.source]); d != 0 {
			return d
		}
		if d := rank[a.status] - rank[b.status]; d != 0 {
			return d
		}
		return strings.Compare(b.source, a.source) // the smaller id ranks higher
	}), true
}

// Label normalisation: what makes two ways of writing a row label the same.
var (
	reNumbering = regexp.MustCompile(`^(\(?[0-9一二三四五六七八九十]+[)、.]|其中[:：]?|#|△|▲|\*)`)
	quotes      = strings.NewReplacer(`"`, "", "“", "", "”", "", "'", "", "‘", "", "’", "", "「", "", "」", "")
)

// labelKey normalises a row label or a name for matching: full-width to
// narrow, no spaces or quotes, no numbering ("一、", "其中:", "#"), no
// footnote marks, lower case.
func labelKey(s string) string {
	s = stripFootnote(normalizeText(s))
	s = strings.Join(strings.Fields(s), "")
	for {
		t := reNumbering.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	return strings.ToLower(quotes.Replace(s))
}

// match finds the indicator a row label names, or says which known names
// are closest.
func (c *catalog) match(label string) (string, error) {
	if id, ok := c.names[labelKey(label)]; ok {
		return id, nil
	}
	return "", fmt.Errorf("%q is not a known indicator name or alias; closest: %s (if it is one of these, add the label to data/aliases.csv as alias,indicator)", label, c.closest(label))
}

// closest lists the three indicators whose names are nearest to label by
// edit distance.
func (c *catalog) closest(label string) string {
	k := labelKey(label)
	best := map[string]int{}
	for name, id := range c.names {
		d := levenshtein(k, name)
		if prev, ok := best[id]; !ok || d < prev {
			best[id] = d
		}
	}
	ids := slices.Clone(c.order)
	slices.SortStableFunc(ids, func(a, b string) int { return best[a] - best[b] })
	var out []string
	for _, id := range ids[:min(3, len(ids))] {
		out = append(out, fmt.Sprintf("%s (%s)", c.indicators[id].nameZh, id))
	}
	return strings.Join(out, ", ")
}

// levenshtein is the edit distance between a and b, counted in characters.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// growthOf finds the indicator that holds the growth rate of indicator
// id, as a monthly report's 增长% column gives it: one named (or aliased)
// "<name>增速", "<name>增长" or "<label>增速" …
func (c *catalog) growthOf(id, label string) (string, bool) {
	for _, base := range []string{c.indicators[id].nameZh, label} {
		for _, suffix := range []string{"增速", "增长", "增长率", "同比增长", "同比增速", "增长%", "增速%"} {
			if g, ok := c.names[labelKey(base+suffix)]; ok {
				return g, true
			}
		}
	}
	return "", false
}

// regionIn finds the one region a title names ("2024年1-10月南山区主要经济
// 指标" names 南山区): of the regions named, the one the others contain.
func (c *catalog) regionIn(title string) (string, error) {
	var found []string
	for id, r := range c.regions {
		if strings.Contains(title, r.nameZh) {
			found = append(found, id)
		}
	}
	var inner []string
	for _, id := range found {
		isParent := false
		for _, other := range found {
			if c.regions[other].parent == id {
				isParent = true
			}
		}
		if !isParent {
			inner = append(inner, id)
		}
	}
	switch len(inner) {
	case 1:
		return inner[0], nil
	case 0:
		return "", fmt.Errorf("the title names no region in data/regions.csv; say which with -region")
	}
	slices.Sort(inner)
	return "", fmt.Errorf("the title names several regions (%s); say which with -region", strings.Join(inner, ", "))
}

// regionID reads a region cell: an id or a Chinese or English name.
func (c *catalog) regionID(s string) (string, bool) {
	s = strings.TrimSpace(normalizeText(s))
	if _, ok := c.regions[s]; ok {
		return s, true
	}
	for id, r := range c.regions {
		if s == r.nameZh || strings.EqualFold(s, r.nameEn) {
			return id, true
		}
	}
	return "", false
}
