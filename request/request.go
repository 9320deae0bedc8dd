// Package request reads the parameters every surface shares — pages, their
// twins, the JSON API and the command line — in one place, so that one
// question always means the same thing wherever it is asked. It knows no
// web framework: it reads url.Values, which the command line builds from
// its flags. Only known ids and whitelisted words come out of it.
package request

import (
	"net/url"
	"sort"
	"strings"
	"time"

	"districtstats/figure"
	"districtstats/period"
	"districtstats/queries"
	"districtstats/transform"
)

// Parameter names.
const (
	Indicators = "indicators"
	Regions    = "regions"
	Region     = "region" // the older spelling of regions=, kept working
	From       = "from"
	To         = "to"
	AsOf       = "as_of"
	Transform  = "transform"
	Lang       = "lang"
	Layout     = "layout"
	Latest     = "latest" // API and CLI: false gives every vintage
	Excel      = "excel"  // twins: 1 gives the CSV for Excel
	Topics     = "topics" // briefing
	Topic      = "topic"  // the indicator list's filter
	Q          = "q"      // the indicator list's search
	PageNo     = "page"   // a long table's page on a data page (HTML only)
)

// Surfaces: the parameters each kind of route takes. A parameter not in
// its surface's list is a 400 that names it.
var (
	// Plain pages (lists, docs, downloads).
	Page = []string{Lang}
	// Data pages and their twins (overview, topics, charts, indicators, embeds).
	Data = []string{Lang, Region, Regions, From, To, AsOf, Transform, Excel, PageNo}
	// Whole-dataset downloads.
	Download = []string{Lang, Excel}
	// The indicator list.
	IndicatorList = []string{Lang, Topic, Q}
	// The report builder and its twins.
	Report = []string{Lang, Indicators, Region, Regions, From, To, AsOf, Transform, Layout, Excel}
	// The briefing: figures are as published, so no transform.
	Briefing = []string{Lang, Indicators, Topics, Region, Regions, From, To, AsOf}
	// /api/v1/observations and the command line.
	API = []string{Lang, Indicators, Region, Regions, From, To, AsOf, Transform, Latest}
	// /api/v1/indicators/{id}: the indicator is in the path.
	APIIndicator = []string{Lang, Region, Regions, From, To, AsOf, Transform, Latest}
)

// Known says which ids exist; every id in a request is checked against it.
type Known struct {
	Indicator func(id string) bool
	Region    func(id string) bool
	Topic     func(id string) bool
	// RegionExamples are region ids a message names as examples (the
	// district's own, from its definition); none: the message points to
	// the list of regions.
	RegionExamples []string
}

// regionHelp is what a region parameter takes, in both languages.
func (k Known) regionHelp() (zh, en string) {
	ex := k.RegionExamples
	switch len(ex) {
	case 0:
		return "地区代码（见地区列表）", "a region id (see the list of regions)"
	case 1:
		return "地区代码，如 " + ex[0], "a region id such as " + ex[0]
	}
	return "地区代码，如 " + strings.Join(ex, "、"), "a region id such as " + strings.Join(ex[:len(ex)-1], ", ") + " or " + ex[len(ex)-1]
}

// Request is a parsed, checked request.
type Request struct {
	Indicators []string // in the order given
	Regions    []string // regions= and region= together, in the order given; nil = the surface's default
	From, To   string   // period notations as given
	Start, End time.Time
	AsOf       string // YYYY-MM-DD as given
	AsOfDate   time.Time
	Transform  string // one of transform.Valid; level by default
	Lang       figure.Lang
	Layout     string // wide (default) or long
	Latest     bool   // true by default
	Excel      bool
	Topics     []string
	Topic, Q   string
}

// Parse reads q for a surface that takes the parameters in allow.
func Parse(q url.Values, allow []string, known Known) (*Request, error) {
	r := &Request{Transform: transform.Level, Lang: figure.Zh, Layout: "wide", Latest: true}
	// The language first, so that every other error can be told in it.
	switch l := q.Get(Lang); l {
	case "", "zh":
	case "en":
		r.Lang = figure.En
	default:
		return r, &Error{Param: Lang, Value: l, Zh: "en 或 zh（默认）", En: "en, or zh (the default)"}
	}
	if err := unknown(q, allow); err != nil {
		return r, err
	}
	var err error
	if r.Indicators, err = ids(q, Indicators, known.Indicator, "指标代码，如 gdp、rd_intensity", "an indicator id such as gdp or rd_intensity", ListIndicators); err != nil {
		return r, err
	}
	for _, name := range []string{Region, Regions} {
		zh, en := known.regionHelp()
		more, err := ids(q, name, known.Region, zh, en, ListRegions)
		if err != nil {
			return r, err
		}
		r.Regions = appendNew(r.Regions, more...)
	}
	if r.Topics, err = ids(q, Topics, known.Topic, "专题代码，如 economy、innovation", "a topic id such as economy or innovation", ListTopics); err != nil {
		return r, err
	}
	if s := q.Get(Topic); s != "" {
		if known.Topic == nil || !known.Topic(s) {
			return r, &Error{Param: Topic, Value: s, Zh: "专题代码，如 economy、innovation", En: "a topic id such as economy or innovation", List: ListTopics}
		}
		r.Topic = s
	}
	r.Q = strings.TrimSpace(q.Get(Q))
	if s := q.Get(From); s != "" {
		p, err := period.Parse(s)
		if err != nil {
			return r, &Error{Param: From, Value: s, Zh: "时期，如 2015 或 2023Q1", En: "a period such as 2015 or 2023Q1"}
		}
		r.From, r.Start = s, p.Start
	}
	if s := q.Get(To); s != "" {
		p, err := period.Parse(s)
		if err != nil {
			return r, &Error{Param: To, Value: s, Zh: "时期，如 2024 或 2024Q4", En: "a period such as 2024 or 2024Q4"}
		}
		r.To, r.End = s, p.End
	}
	if !r.Start.IsZero() && !r.End.IsZero() && r.End.Before(r.Start) {
		return r, &Error{Param: To, Value: r.To, Zh: "晚于 from=" + r.From + " 结束的时期", En: "a period that ends after from=" + r.From}
	}
	if s := q.Get(AsOf); s != "" {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return r, &Error{Param: AsOf, Value: s, Zh: "日期 YYYY-MM-DD", En: "a date YYYY-MM-DD"}
		}
		r.AsOf, r.AsOfDate = s, t
	}
	if s := q.Get(Transform); s != "" {
		if !oneOf(s, transform.Valid) {
			return r, &Error{Param: Transform, Value: s, Zh: strings.Join(transform.Valid, "、") + " 之一",
				En: "one of " + strings.Join(transform.Valid, ", "), List: ListTransforms}
		}
		r.Transform = s
	}
	switch s := q.Get(Layout); s {
	case "":
	case "wide", "long":
		r.Layout = s
	default:
		return r, &Error{Param: Layout, Value: s, Zh: "wide（时期为行，每个序列一列）或 long（每个数字一行）",
			En: "wide (periods as rows, a column per series) or long (a row per figure)"}
	}
	if r.Latest, err = flag(q, Latest, true, "true（每个时期的最新版本）或 false（全部版本）",
		"true (the latest vintage of each period) or false (every vintage)"); err != nil {
		return r, err
	}
	if r.Excel, err = flag(q, Excel, false, "1（Excel 用 CSV：BOM、CRLF、公式已中和）或 0",
		"1 (CSV for Excel: BOM, CRLF, formulas neutralised) or 0"); err != nil {
		return r, err
	}
	return r, nil
}

// flag reads a yes/no parameter: true or 1, false or 0, absent for def.
func flag(q url.Values, name string, def bool, zh, en string) (bool, error) {
	switch s := q.Get(name); s {
	case "":
		return def, nil
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	default:
		return def, &Error{Param: name, Value: s, Zh: zh, En: en}
	}
}

// Filter is the query filter for the given indicators, with defaultRegions
// when the request names none.
func (r *Request) Filter(indicators, defaultRegions []string, latestOnly bool) queries.Filter {
	regions := r.Regions
	if regions == nil {
		regions = defaultRegions
	}
	return queries.Filter{Indicators: indicators, Regions: regions, From: r.Start, To: r.End, AsOf: r.AsOfDate, LatestOnly: latestOnly}
}

// unknown refuses a parameter the surface does not take, naming it and,
// for a near miss (indicator= for indicators=), the one meant.
func unknown(q url.Values, allow []string) error {
	var names []string
	for k := range q {
		if !oneOf(k, allow) {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	k := names[0]
	e := &Error{Param: k, Value: q.Get(k), Unknown: true, Allowed: allow}
	for _, c := range []string{k + "s", strings.TrimSuffix(k, "s"), strings.ReplaceAll(k, "-", "_"), strings.ToLower(k)} {
		if c != k && oneOf(c, allow) {
			e.Suggest = c
			break
		}
	}
	return e
}

// ids reads a comma-separated list parameter of ids that must exist.
func ids(q url.Values, name string, exists func(string) bool, zh, en, list string) ([]string, error) {
	var out []string
	for _, raw := range q[name] {
		for _, id := range strings.Split(raw, ",") {
			if id = strings.TrimSpace(id); id == "" {
				continue
			}
			if exists == nil || !exists(id) {
				return nil, &Error{Param: name, Value: id, Zh: zh, En: en, List: list}
			}
			out = appendNew(out, id)
		}
	}
	return out, nil
}

func appendNew(list []string, ids ...string) []string {
	for _, id := range ids {
		if !oneOf(id, list) {
			list = append(list, id)
		}
	}
	return list
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
