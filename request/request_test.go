package request

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"districtstats/figure"
)

var known = Known{
	Indicator:      func(id string) bool { return id == "gdp" || id == "rd_intensity" },
	Region:         func(id string) bool { return id == "nanshan" || id == "shenzhen" },
	Topic:          func(id string) bool { return id == "economy" },
	RegionExamples: []string{"nanshan", "shenzhen", "china"},
}

func parse(t *testing.T, q string, allow []string) (*Request, error) {
	t.Helper()
	v, err := url.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(v, allow, known)
}

func TestParse(t *testing.T) {
	r, err := parse(t, "indicators=rd_intensity,gdp&region=shenzhen&regions=nanshan,shenzhen&from=2021&to=2024&as_of=2025-01-01&transform=change&lang=en&layout=long&latest=false", API)
	if err == nil {
		t.Fatal("layout= is not an API parameter")
	}
	r, err = parse(t, "indicators=rd_intensity,gdp&region=shenzhen&regions=nanshan,shenzhen&from=2021&to=2024&as_of=2025-01-01&transform=change&lang=en&layout=long", Report)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.Indicators, ",") != "rd_intensity,gdp" || strings.Join(r.Regions, ",") != "shenzhen,nanshan" ||
		r.From != "2021" || r.Start.Format("2006-01-02") != "2021-01-01" || r.End.Format("2006-01-02") != "2024-12-31" ||
		r.AsOfDate.Format("2006-01-02") != "2025-01-01" || r.Transform != "change" || r.Lang != figure.En || r.Layout != "long" || !r.Latest {
		t.Errorf("parsed %+v", r)
	}
	r, err = parse(t, "from=&to=&as_of=", Report) // an empty form field is no filter
	if err != nil || r.Transform != "level" || r.Lang != figure.Zh || r.Layout != "wide" || r.Regions != nil || !r.Start.IsZero() {
		t.Errorf("defaults: %+v %v", r, err)
	}
}

// TestParseErrors: every bad parameter is an Error naming it, in both
// languages, with the list it points to.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		query string
		allow []string
		param string
		zh    string
		en    string
		list  string
	}{
		{"indicator=gdp", API, "indicator",
			"未知参数 indicator=：是否应为 indicators=？（本地址可用参数：lang=、indicators=、region=、regions=、from=、to=、as_of=、transform=、latest=）",
			"unknown parameter indicator=: did you mean indicators=? (this address takes lang=, indicators=, region=, regions=, from=, to=, as_of=, transform=, latest=)", ""},
		{"colour=red", Page, "colour", "未知参数 colour=（本地址可用参数：lang=）", "unknown parameter colour= (this address takes lang=)", ""},
		{"indicators=gpd", API, "indicators", `参数 indicators="gpd" 无效，应为：指标代码，如 gdp、rd_intensity`,
			`parameter indicators="gpd" is not valid: an indicator id such as gdp or rd_intensity`, ListIndicators},
		{"region=atlantis", Data, "region", `参数 region="atlantis" 无效，应为：地区代码，如 nanshan、shenzhen、china`,
			`parameter region="atlantis" is not valid: a region id such as nanshan, shenzhen or china`, ListRegions},
		{"from=20x4", Data, "from", `参数 from="20x4" 无效，应为：时期，如 2015 或 2023Q1`, `parameter from="20x4" is not valid: a period such as 2015 or 2023Q1`, ""},
		{"from=2024&to=2020", Data, "to", `参数 to="2020" 无效，应为：晚于 from=2024 结束的时期`, `parameter to="2020" is not valid: a period that ends after from=2024`, ""},
		{"as_of=2024-13-01", Data, "as_of", `参数 as_of="2024-13-01" 无效，应为：日期 YYYY-MM-DD`, `parameter as_of="2024-13-01" is not valid: a date YYYY-MM-DD`, ""},
		{"transform=log", Data, "transform", `参数 transform="log" 无效，应为：level、change、pct_change、yoy_pct 之一`,
			`parameter transform="log" is not valid: one of level, change, pct_change, yoy_pct`, ListTransforms},
		{"lang=fr", Data, "lang", `参数 lang="fr" 无效，应为：en 或 zh（默认）`, `parameter lang="fr" is not valid: en, or zh (the default)`, ""},
		{"layout=tall", Report, "layout", `参数 layout="tall" 无效，应为：wide（时期为行，每个序列一列）或 long（每个数字一行）`,
			`parameter layout="tall" is not valid: wide (periods as rows, a column per series) or long (a row per figure)`, ""},
		{"latest=maybe", API, "latest", `参数 latest="maybe" 无效，应为：true（每个时期的最新版本）或 false（全部版本）`,
			`parameter latest="maybe" is not valid: true (the latest vintage of each period) or false (every vintage)`, ""},
		{"topics=weather", Briefing, "topics", `参数 topics="weather" 无效，应为：专题代码，如 economy、innovation`,
			`parameter topics="weather" is not valid: a topic id such as economy or innovation`, ListTopics},
		{"indicators=gdp%3Bdrop", Report, "indicators", `参数 indicators="gdp;drop" 无效，应为：指标代码，如 gdp、rd_intensity`,
			`parameter indicators="gdp;drop" is not valid: an indicator id such as gdp or rd_intensity`, ListIndicators},
		{"transform=change", Briefing, "transform", "未知参数 transform=（本地址可用参数：lang=、indicators=、topics=、region=、regions=、from=、to=、as_of=）",
			"unknown parameter transform= (this address takes lang=, indicators=, topics=, region=, regions=, from=, to=, as_of=)", ""},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.query, tt.allow)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: err %v, want an *Error", tt.query, err)
			continue
		}
		if e.Param != tt.param || e.Message(figure.Zh) != tt.zh || e.Message(figure.En) != tt.en || e.List != tt.list {
			t.Errorf("%s:\n got %s | %s | %s | %s\nwant %s | %s | %s | %s", tt.query, e.Param, e.Message(figure.Zh), e.Message(figure.En), e.List, tt.param, tt.zh, tt.en, tt.list)
		}
	}
}

// region= and regions= are one field of a form.
func TestErrorField(t *testing.T) {
	_, err := parse(t, "region=atlantis", Data)
	var e *Error
	if !errors.As(err, &e) || e.Field() != "regions" {
		t.Errorf("field of region= error: %v", err)
	}
}

// Without examples the message points to the list, naming no district.
func TestRegionHelpWithoutExamples(t *testing.T) {
	k := known
	k.RegionExamples = nil
	_, err := Parse(url.Values{"region": {"atlantis"}}, Data, k)
	if err == nil || !strings.Contains(err.Error(), "a region id (see the list of regions)") {
		t.Errorf("err = %v", err)
	}
}
