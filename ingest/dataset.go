package ingest

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"districtstats/period"
	"districtstats/site"
)

// The files of a data directory, with the header each must have.
var (
	indicatorsFile   = dataFile{"indicators.csv", []string{"id", "topic", "name_zh", "name_en", "unit", "unit_zh", "unit_en", "decimals", "definition_zh", "definition_en", "note", "price_basis", "real_growth"}, 2}
	regionsFile      = dataFile{"regions.csv", []string{"id", "name_zh", "name_en", "level", "parent"}, 0}
	sourcesFile      = dataFile{"sources.csv", []string{"id", "title", "publisher", "publisher_en", "published", "url", "note", "title_given", "copy"}, 2}
	observationsFile = dataFile{"observations.csv", []string{"indicator", "region", "period", "value", "qualifier", "status", "source", "note", "period_stated"}, 1}
	measuresFile     = dataFile{"policy_measures.csv", []string{"pillar_zh", "pillar_en", "measure_zh", "measure_en", "amount", "unit_zh", "unit_en", "qualifier", "source"}, 0}
	// Optional: other names an office's own tables use for an indicator,
	// for `import`. The snapshot does not need them.
	aliasesFile = dataFile{"aliases.csv", []string{"alias", "indicator"}, 0}
)

type dataFile struct {
	name     string
	header   []string
	optional int // how many of the last columns a file may leave out (older files lack them)
}

// Allowed words. Order matters only for messages.
var (
	Units      = []string{"yi_yuan", "percent", "count", "rank", "years"}
	Levels     = []string{"country", "province", "city", "district"}
	Qualifiers = []string{"exact", "about", "more_than", "nearly", "at_least", "at_most"}
	Statuses   = []string{"unknown", "preliminary", "final", "revised", "target"}
	// Whether a money level is at current or constant prices; a rate
	// computed from current-price levels is nominal growth.
	PriceBases = []string{"current", "constant"}
	// A policy measure's amount may also be a range ("30-70") or absent.
	measureQualifiers = []string{"exact", "about", "more_than", "nearly", "at_least", "at_most", "range"}
)

// Dataset is a validated data directory, ready to load.
type Dataset struct {
	Dir          string
	Indicators   [][]string // records in file order, as read
	Regions      [][]string
	Sources      [][]string
	Measures     [][]string
	Aliases      [][]string               // alias, indicator; empty when aliases.csv is absent
	Periods      map[string]period.Period // every period notation used
	Observations int                      // rows in observations.csv
	// VintagedIndicators and VintagedRegions are the ids of every
	// indicator/region/period that more than one source gives: the only
	// figures whose latest flag Build has to rank (the rest are latest).
	VintagedIndicators, VintagedRegions []string
	Definition                          *site.Definition // dashboard.yaml, checked; nil when the directory has none
	def                                 definitionFile   // dashboard.yaml as read, before its check (definition.go)
	decimals                            map[string]int   // indicator id -> most decimals allowed
	// Whether each file of ids was read to its end. Where one was not, rows
	// that refer to it are not checked against it: one report of the
	// broken file is worth more than a thousand "unknown id" lines.
	indicatorsRead, regionsRead, sourcesRead bool
	regionIDs                                map[string]bool
	sourceIDs                                map[string]bool
}

var reID = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// reHorizon is a target's horizon as published: "within 3-5 years".
var reHorizon = regexp.MustCompile(`^within [1-9][0-9]?(-[1-9][0-9]?)? years?$`)

func oneOf(v string, allowed []string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// fileCheck carries what every row check needs: where it is and where to report.
type fileCheck struct {
	shown    string
	header   []string
	optional int
	ps       *Problems
}

func (c fileCheck) col(line int, i int, format string, args ...any) {
	c.ps.add(c.shown, line, "column %q: %s", c.header[i], fmt.Sprintf(format, args...))
}

// required reports each empty field among the named column indexes and says
// whether all were present.
func (c fileCheck) required(line int, rec []string, cols ...int) bool {
	ok := true
	for _, i := range cols {
		if rec[i] == "" {
			c.col(line, i, "is required")
			ok = false
		}
	}
	return ok
}

// trimmed reports fields with leading or trailing spaces, which look equal
// to a person but not to a computer, and gives the record with them
// trimmed so that the other checks report what is really wrong, once.
func (c fileCheck) trimmed(line int, rec []string) []string {
	out, copied := rec, false
	for i, v := range rec {
		if t := strings.TrimSpace(v); t != v {
			c.col(line, i, "%q has leading or trailing spaces", v)
			if !copied {
				out, copied = clone(rec), true
			}
			out[i] = t
		}
	}
	return out
}

func (c fileCheck) id(line int, rec []string, i int, seen map[string]int) bool {
	v := rec[i]
	if !reID.MatchString(v) {
		c.col(line, i, "%q is not an id (lower-case letters, digits and _, starting with a letter)", v)
		return false
	}
	if prev, dup := seen[v]; dup {
		c.col(line, i, "%q is a duplicate of line %d", v, prev)
		return false
	}
	seen[v] = line
	return true
}

func (c fileCheck) enum(line int, rec []string, i int, allowed []string) {
	if !oneOf(rec[i], allowed) {
		c.col(line, i, "%q is not one of %s", rec[i], strings.Join(allowed, ", "))
	}
}

// load reads and checks the four small files. It fills what the
// observations check needs even when problems were found, so that one run
// reports as much as it can without cascading errors.
func load(dir string, ps *Problems) *Dataset {
	ds := &Dataset{Dir: dir, decimals: map[string]int{}, regionIDs: map[string]bool{}, sourceIDs: map[string]bool{}, Periods: map[string]period.Period{}}
	ds.readDefinition()

	c := ds.check(indicatorsFile, ps)
	seen := map[string]int{}
	type ref struct {
		line int
		id   string
	}
	var realGrowth []ref
	ds.indicatorsRead = readCSV(ds.path(indicatorsFile), c.shown, c.header, c.optional, ps, func(line int, rec []string) {
		rec = c.trimmed(line, rec)
		if c.id(line, rec, 0, seen) {
			ds.decimals[rec[0]] = 6
		}
		c.required(line, rec, 1, 2, 3, 4, 5, 6, 7)
		ds.checkTopic(c, line, rec)
		c.enum(line, rec, 4, Units)
		// A missing or bad decimals keeps the lenient 6 set above, so that
		// observations are not reported for the indicator's mistake.
		if d, err := strconv.Atoi(rec[7]); rec[7] != "" && (err != nil || d < 0 || d > 6) {
			c.col(line, 7, "%q is not a whole number from 0 to 6", rec[7])
		} else if rec[7] != "" && reID.MatchString(rec[0]) {
			ds.decimals[rec[0]] = d
		}
		if rec[11] != "" {
			c.enum(line, rec, 11, PriceBases)
		}
		if rec[12] != "" {
			realGrowth = append(realGrowth, ref{line, rec[12]})
		}
		ds.Indicators = append(ds.Indicators, clone(rec))
	})

	// real_growth names another indicator: the published real growth to
	// show beside a nominal rate computed from this one's levels.
	for _, r := range realGrowth {
		if _, ok := seen[r.id]; !ok {
			c.col(r.line, 12, "%q is not an indicator id in %s", r.id, indicatorsFile.name)
		}
	}

	c = ds.check(regionsFile, ps)
	seen = map[string]int{}
	type parentRef struct {
		line       int
		id, parent string
	}
	var parents []parentRef
	ds.regionsRead = readCSV(ds.path(regionsFile), c.shown, c.header, c.optional, ps, func(line int, rec []string) {
		rec = c.trimmed(line, rec)
		if c.id(line, rec, 0, seen) {
			ds.regionIDs[rec[0]] = true
		}
		c.required(line, rec, 1, 2, 3)
		c.enum(line, rec, 3, Levels)
		parents = append(parents, parentRef{line, rec[0], rec[4]})
		ds.Regions = append(ds.Regions, clone(rec))
	})
	parentOf := map[string]string{}
	for _, r := range parents {
		parentOf[r.id] = r.parent
	}
	for _, r := range parents {
		line, id, parent := r.line, r.id, r.parent
		switch {
		case parent == "":
		case parent == id:
			c.col(line, 4, "%q is the region itself", parent)
		case !ds.regionIDs[parent] && ds.regionsRead:
			c.col(line, 4, "%q is not a region id in %s", parent, regionsFile.name)
		case inCycle(id, parentOf):
			c.col(line, 4, "%q leads back to %q: regions must form a tree", parent, id)
		}
	}

	c = ds.check(sourcesFile, ps)
	seen = map[string]int{}
	ds.sourcesRead = readCSV(ds.path(sourcesFile), c.shown, c.header, c.optional, ps, func(line int, rec []string) {
		rec = c.trimmed(line, rec)
		if c.id(line, rec, 0, seen) {
			ds.sourceIDs[rec[0]] = true
		}
		c.required(line, rec, 1, 2)
		if _, err := PublishedLast(rec[4]); err != nil {
			c.col(line, 4, "%q is not a date (YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown)", rec[4])
		}
		if u := rec[5]; u != "" && !isWebURL(u) {
			c.col(line, 5, "%q is not an http(s) URL", u)
		}
		if v := rec[7]; v != "" && v != "no" {
			c.col(line, 7, "%q is not empty (the title is the publication's headline) or no (it is a description: no headline was shown)", v)
		}
		switch v := rec[8]; {
		case v != "" && v != "yes":
			c.col(line, 8, "%q is not empty or yes (the url is a copy on another site; publisher names the original publisher)", v)
		case v == "yes" && rec[5] == "":
			c.col(line, 8, "a copy needs the url where it was read")
		}
		ds.Sources = append(ds.Sources, clone(rec))
	})

	c = ds.check(measuresFile, ps)
	readCSV(ds.path(measuresFile), c.shown, c.header, c.optional, ps, func(line int, rec []string) {
		rec = c.trimmed(line, rec)
		c.required(line, rec, 0, 1, 2, 3, 8)
		if rec[4] == "" {
			if rec[7] != "" {
				c.col(line, 7, "%q given without an amount", rec[7])
			}
		} else {
			c.enum(line, rec, 7, measureQualifiers)
			if rec[7] == "range" {
				lo, hi, ok := strings.Cut(rec[4], "-")
				if !ok || !isDecimal(lo) || !isDecimal(hi) || !less(lo, hi) {
					c.col(line, 4, "%q is not a range like 30-70", rec[4])
				}
			} else if !isDecimal(rec[4]) {
				c.col(line, 4, "%q is not a number", rec[4])
			}
		}
		if rec[8] != "" && ds.sourcesRead && !ds.sourceIDs[rec[8]] {
			c.col(line, 8, "%q is not a source id in %s", rec[8], sourcesFile.name)
		}
		ds.Measures = append(ds.Measures, clone(rec))
	})

	ds.loadAliases(ps)
	ds.checkDefinition(ps)
	return ds
}

// loadAliases checks aliases.csv, if there is one: each alias names one
// indicator, once, and is not another indicator's name (import would not
// know which one a table meant).
func (ds *Dataset) loadAliases(ps *Problems) {
	if _, err := os.Stat(ds.path(aliasesFile)); errors.Is(err, os.ErrNotExist) {
		return
	}
	names := map[string]string{} // name_zh, name_en -> indicator id
	for _, r := range ds.Indicators {
		names[r[2]], names[r[3]] = r[0], r[0]
	}
	c := ds.check(aliasesFile, ps)
	seen := map[string]int{}
	readCSV(ds.path(aliasesFile), c.shown, c.header, c.optional, ps, func(line int, rec []string) {
		rec = c.trimmed(line, rec)
		if !c.required(line, rec, 0, 1) {
			return
		}
		if prev, dup := seen[rec[0]]; dup {
			c.col(line, 0, "%q is a duplicate of line %d", rec[0], prev)
		} else {
			seen[rec[0]] = line
		}
		if _, known := ds.decimals[rec[1]]; !known && ds.indicatorsRead {
			c.col(line, 1, "%q is not an indicator id in %s", rec[1], indicatorsFile.name)
		} else if other, ok := names[rec[0]]; ok && other != rec[1] {
			c.col(line, 0, "%q is the name of indicator %s in %s", rec[0], other, indicatorsFile.name)
		}
		ds.Aliases = append(ds.Aliases, clone(rec))
	})
}

// EachObservation reads the observations of a data directory that Check
// passed, calling fn with each record (reused between calls) and its line.
func EachObservation(dir string, fn func(line int, rec []string)) error {
	var ps Problems
	ds := &Dataset{Dir: dir}
	c := ds.check(observationsFile, &ps)
	readCSV(ds.path(observationsFile), c.shown, c.header, c.optional, &ps, fn)
	return ps.err()
}

func (ds *Dataset) path(f dataFile) string { return filepath.Join(ds.Dir, f.name) }

func (ds *Dataset) check(f dataFile, ps *Problems) fileCheck {
	return fileCheck{shown: ds.path(f), header: f.header, optional: f.optional, ps: ps}
}

// checkObservations reads observations.csv row by row: the big file. It is
// the Go half of Build's race with read_csv, so its per-row work avoids
// allocations: ids are interned to small numbers (with a one-entry cache,
// since files are sorted in runs) and duplicates are found at the end by
// sorting packed keys (see findDuplicates).
func (ds *Dataset) checkObservations(ps *Problems) {
	c := ds.check(observationsFile, ps)
	var ind, reg, per, src interner
	var dec []int // interned indicator -> most decimals allowed; -1 unknown; unchecked
	var regOK, srcOK []bool
	var periodErr []error // interned period -> why it is not a period, or nil
	keyed := make([]keyedLine, 0, estimateRows(ds.path(observationsFile)))
	from := len(ps.List)
	readCSV(ds.path(observationsFile), c.shown, c.header, c.optional, ps, func(line int, rec []string) {
		ds.Observations++
		rec = c.trimmed(line, rec)
		if !c.required(line, rec, 0, 1, 2, 3, 4, 5, 6) {
			return
		}
		var k obsKey
		var isNew bool
		if k.ind, isNew = ind.id(rec[0]); isNew {
			d, ok := ds.decimals[rec[0]]
			if !ok {
				d = -1
				if !ds.indicatorsRead {
					d = unchecked
				}
			}
			dec = append(dec, d)
		}
		maxDec := dec[k.ind]
		knownIndicator := maxDec >= 0 && maxDec != unchecked
		if maxDec == -1 {
			c.col(line, 0, "%q is not an indicator id in %s", rec[0], indicatorsFile.name)
		}
		if k.reg, isNew = reg.id(rec[1]); isNew {
			regOK = append(regOK, ds.regionIDs[rec[1]] || !ds.regionsRead)
		}
		if !regOK[k.reg] {
			c.col(line, 1, "%q is not a region id in %s", rec[1], regionsFile.name)
		}
		if k.per, isNew = per.id(rec[2]); isNew {
			p, err := period.Parse(rec[2])
			periodErr = append(periodErr, err)
			if err == nil {
				ds.Periods[rec[2]] = p
			}
		}
		if err := periodErr[k.per]; err != nil {
			c.col(line, 2, "%q: %v", rec[2], err)
		}
		switch v := rec[3]; {
		case !isDecimal(v):
			c.col(line, 3, "%q is not a number%s", v, numberHint(v))
		case significantDigits(v) > MaxDigits:
			c.col(line, 3, "%s has %d significant digits; at most %d can be kept exactly (figures are stored as 64-bit floating point): "+
				"write it in a larger unit, as the source's own tables do", quoteShort(v), significantDigits(v), MaxDigits)
		case tooLarge(v):
			c.col(line, 3, "%s is too large to store (a figure must be below about 1.8e308)", quoteShort(v))
		case knownIndicator && decimalsOf(v) > maxDec:
			c.col(line, 3, "%q has %s; %s allows %d (raise decimals in %s if the source publishes more)", v, plural(decimalsOf(v), "decimal"), rec[0], maxDec, indicatorsFile.name)
		}
		if !oneOf(rec[4], Qualifiers) {
			c.enum(line, rec, 4, Qualifiers)
		}
		if !oneOf(rec[5], Statuses) {
			c.enum(line, rec, 5, Statuses)
		}
		if k.src, isNew = src.id(rec[6]); isNew {
			srcOK = append(srcOK, ds.sourceIDs[rec[6]] || !ds.sourcesRead)
		}
		if !srcOK[k.src] {
			c.col(line, 6, "%q is not a source id in %s", rec[6], sourcesFile.name)
		}
		if ps := rec[8]; ps != "" {
			switch {
			case ps == "no" || ps == "recent":
			case reHorizon.MatchString(ps):
				if rec[5] != "target" {
					c.col(line, 8, "%q is a target's horizon; status is %q, not target", ps, rec[5])
				}
			default:
				c.col(line, 8, "%q is not one of: empty (the source states the period), no (it does not: the period is inferred), recent (an undated recent span), within N years or within N-M years (a target's horizon)", ps)
			}
		}
		keyed = append(keyed, keyedLine{k, int32(line)})
	})
	dups, vintaged := findDuplicates(keyed, [4]int{len(ind.names), len(reg.names), len(per.names), len(src.names)})
	reportDuplicates(ps, from, c.shown, dups, &ind, &reg, &per, &src)
	inds, regs := map[int32]bool{}, map[int32]bool{}
	for _, k := range vintaged {
		if !inds[k.ind] {
			inds[k.ind] = true
			ds.VintagedIndicators = append(ds.VintagedIndicators, ind.names[k.ind])
		}
		if !regs[k.reg] {
			regs[k.reg] = true
			ds.VintagedRegions = append(ds.VintagedRegions, reg.names[k.reg])
		}
	}
}

// unchecked marks an indicator that cannot be checked: indicators.csv is broken.
const unchecked = -2

// interner numbers the distinct strings of one column, remembering the last
// one because data files come sorted in runs.
type interner struct {
	ids   map[string]int32
	names []string // id -> string
	last  string
	id0   int32
	have  bool
}

// id gives s's number and whether s was seen for the first time.
func (in *interner) id(s string) (int32, bool) {
	if in.have && s == in.last {
		return in.id0, false
	}
	if in.ids == nil {
		in.ids = map[string]int32{}
	}
	id, seen := in.ids[s]
	if !seen {
		id = int32(len(in.ids))
		in.ids[s] = id
		in.names = append(in.names, s)
	}
	in.last, in.id0, in.have = s, id, true
	return id, !seen
}

// estimateRows guesses a file's rows from its size (short rows run about
// 48 bytes), so the key list is sized once instead of grown 20 times.
func estimateRows(path string) int {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return int(min(fi.Size()/48, 1<<24))
}

// isDecimal accepts plain decimal numbers as statistics offices write them:
// optional minus, digits, optional fraction. No exponents, no separators,
// no NaN or Inf.
func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' {
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && frac == "") {
		return false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
		}
	}
	return true
}

// MaxDigits is the most significant digits a figure may have: every decimal
// of up to 15 significant digits survives a round trip through a 64-bit
// float exactly (DBL_DIG), so the digits a source published come back as
// published. Longer figures are refused rather than silently rounded.
const MaxDigits = 15

// significantDigits counts a plain decimal's digits from its first non-zero
// digit to its last: 0.0520 has 2, 8035.88 has 6, 1000 has 1.
// It allocates nothing: it runs on every row of a million-row file.
func significantDigits(s string) int {
	first, last, n := -1, -1, 0 // positions among the digits
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		if c != '0' {
			if first < 0 {
				first = n
			}
			last = n
		}
		n++
	}
	if first < 0 {
		return 0
	}
	return last - first + 1
}

// tooLarge: beyond a float64's range (about 1.8e308), even with few digits.
func tooLarge(s string) bool {
	if len(s) < 300 {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err != nil
}

// less compares two decimals as numbers.
func less(a, b string) bool {
	x, _ := strconv.ParseFloat(a, 64)
	y, _ := strconv.ParseFloat(b, 64)
	return x < y
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func decimalsOf(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

func numberHint(v string) string {
	switch lv := strings.ToLower(v); {
	case strings.Contains(v, ","):
		return " (write it without thousands separators)"
	case lv == "nan" || strings.Contains(lv, "inf"):
		return " (leave a missing figure out: a missing year stays missing)"
	case strings.ContainsAny(v, "eE"):
		return " (write it in plain decimals, not exponent notation)"
	case strings.ContainsAny(v, "%亿万超近约"):
		return " (the value column holds the number alone: unit and qualifier have their own columns)"
	}
	return ""
}

// PublishedLast gives the last day a publication date allows: 2025-12 means
// some day of December 2025, so as-of queries must not count it before the
// 31st. The zero time means unknown (empty).
func PublishedLast(s string) (time.Time, error) {
	switch len(s) {
	case 0:
		return time.Time{}, nil
	case 10:
		return time.Parse("2006-01-02", s)
	case 7:
		t, err := time.Parse("2006-01", s)
		return t.AddDate(0, 1, -1), err
	case 4:
		t, err := time.Parse("2006", s)
		return t.AddDate(1, 0, -1), err
	}
	return time.Time{}, fmt.Errorf("bad date")
}

// inCycle says whether following parents from id comes back to id.
func inCycle(id string, parentOf map[string]string) bool {
	p := parentOf[id]
	for steps := 0; p != "" && steps <= len(parentOf); steps++ {
		if p == id {
			return true
		}
		p = parentOf[p]
	}
	return false
}

// isWebURL accepts absolute http(s) URLs with a host, as a citation needs.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t")
}

func clone(rec []string) []string { return append([]string(nil), rec...) }

// Check validates a data directory without writing anything.
func Check(dir string) (*Dataset, error) {
	var ps Problems
	ds := load(dir, &ps)
	if !ps.full() {
		ds.checkObservations(&ps)
	}
	return ds, ps.err()
}
