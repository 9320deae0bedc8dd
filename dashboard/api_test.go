package dashboard

import (
	"encoding/json"
	"fmt"
	"mime"
	"slices"
	"strings"
	"testing"

	"districtstats/press/figcheck"
)

// TestOpenAPIPaths asks every documented path and checks it answers 200
// with a documented content type, and that the docs page lists it.
func TestOpenAPIPaths(t *testing.T) {
	checkOpenAPIPaths(t, exportServer(t), "nanshan")
	// A second district's documentation gives its own ids as examples.
	srv, _ := uiServer(t, uiSnapshot(t, "../examples/longgang"))
	checkOpenAPIPaths(t, srv.URL, "longgang")
}

// checkOpenAPIPaths asks every path the API documents at base with the
// documented examples: each answers 200 with a documented content type,
// the figures asked by id are there, the example draft checks as
// consistent, and the docs page lists every path. The examples name the
// district's home region.
func checkOpenAPIPaths(t *testing.T, base, home string) {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Ref      string `json:"$ref"`
				Name, In string
				Example  string
			}
			RequestBody struct {
				Content map[string]struct{ Example json.RawMessage }
			}
			Responses map[string]struct{ Content map[string]any }
		}
		Components struct {
			Parameters map[string]struct{ Name, Example string }
		}
	}
	r := fetch(t, base+"/api/v1/openapi.json")
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	if ex := doc.Components.Parameters["region"].Example; ex != home {
		t.Errorf("%s: the region example is %q, want the home region %q", base, ex, home)
	}
	if strings.Contains(string(r.body), "{{") {
		t.Errorf("%s: openapi.json keeps a placeholder", base)
	}
	if len(doc.Paths) < 7 {
		t.Fatalf("%d paths documented", len(doc.Paths))
	}
	docs := string(fetch(t, base+"/api/v1/docs").body)
	for path, methods := range doc.Paths {
		if op, ok := methods["post"]; ok {
			// A POST is asked with its documented example body.
			ex := op.RequestBody.Content["application/json"].Example
			r := post(t, base+path, "application/json", string(ex))
			ctype, _, _ := mime.ParseMediaType(r.header.Get("Content-Type"))
			if _, ok := op.Responses["200"].Content[ctype]; r.status != 200 || !ok || !json.Valid(r.body) {
				t.Errorf("POST %s with the example %s: %d %s %s", path, ex, r.status, ctype, r.body)
			}
			if path == "/api/v1/check" && !strings.Contains(string(r.body), `"verdict":"matches"`) {
				t.Errorf("POST %s: the example draft %s does not check as consistent: %s", path, ex, r.body)
			}
			if !strings.Contains(docs, "POST "+path) {
				t.Errorf("docs page does not list POST %s", path)
			}
			continue
		}
		op, ok := methods["get"]
		if !ok {
			t.Errorf("%s: no GET", path)
			continue
		}
		url, sep := path, "?"
		for _, p := range op.Parameters {
			if p.In == "path" {
				url = strings.ReplaceAll(url, "{"+p.Name+"}", p.Example)
			}
			// The ids the examples give: an answer for them has figures.
			if ref := strings.TrimPrefix(p.Ref, "#/components/parameters/"); ref == "region" || ref == "indicators" {
				url += sep + ref + "=" + doc.Components.Parameters[ref].Example
				sep = "&"
			}
		}
		r := fetch(t, base+url)
		ctype, _, _ := mime.ParseMediaType(r.header.Get("Content-Type"))
		if r.status != 200 {
			t.Errorf("%s: %d %s", url, r.status, r.body)
		}
		if _, ok := op.Responses["200"].Content[ctype]; !ok {
			t.Errorf("%s: Content-Type %q is not documented (%v)", url, ctype, op.Responses["200"].Content)
		}
		if !strings.Contains(docs, "GET "+path) {
			t.Errorf("docs page does not list %s", path)
		}
		if ctype == "application/json" && !json.Valid(r.body) {
			t.Errorf("%s: invalid JSON", url)
		}
		if sep == "&" && strings.Contains(string(r.body), `"observations":[]`) {
			t.Errorf("%s: no figures for the documented examples", url)
		}
	}
	if strings.Contains(docs, "<script>") || strings.Contains(docs, "swagger") {
		t.Error("docs page must not run inline script or Swagger UI")
	}
}

type apiObs struct {
	Observations []struct {
		Indicator, Region, Period, Qualifier, Status, Source, Transform string
		BasePeriod                                                      string `json:"base_period"`
		BaseSource                                                      string `json:"base_source"`
		Value                                                           *float64
		Latest                                                          bool
	}
	Sources []struct{ ID string }
}

func getObs(t *testing.T, url string) apiObs {
	t.Helper()
	r := fetch(t, url)
	if r.status != 200 {
		t.Fatalf("%s: %d %s", url, r.status, r.body)
	}
	var got apiObs
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return got
}

func TestAPIObservations(t *testing.T) {
	base := exportServer(t)
	// latest by default: 2020 is 6527 from s2025.
	got := getObs(t, base+"/api/v1/observations?indicators=gdp&region=nanshan&from=2020&to=2020")
	if len(got.Observations) != 1 || *got.Observations[0].Value != 6527 || got.Observations[0].Source != "s2025" {
		t.Errorf("latest 2020 = %+v", got.Observations)
	}
	// every vintage
	got = getObs(t, base+"/api/v1/observations?indicators=gdp&region=nanshan&from=2020&to=2020&latest=false")
	if len(got.Observations) != 2 || got.Observations[0].Qualifier != "more_than" || got.Observations[0].Latest || !got.Observations[1].Latest {
		t.Errorf("vintages = %+v", got.Observations)
	}
	// as it was known on 2022-01-01: more than 6500, nothing later.
	got = getObs(t, base+"/api/v1/observations?indicators=gdp&regions=nanshan&as_of=2022-01-01")
	// (the 2025 target was published in 2021, so it is known then too)
	if len(got.Observations) != 3 || got.Observations[1].Period != "2020" || *got.Observations[1].Value != 6500 || got.Observations[1].Qualifier != "more_than" {
		t.Errorf("as_of = %+v", got.Observations)
	}
	// a transform names both sources; a bound gives null.
	got = getObs(t, base+"/api/v1/observations?indicators=gdp&region=nanshan&transform=change&as_of=2022-01-01")
	if len(got.Observations) != 2 || got.Observations[1].Value != nil || got.Observations[1].Transform != "change" {
		t.Errorf("change from a bound = %+v", got.Observations)
	}
	got = getObs(t, base+"/api/v1/indicators/gdp?region=nanshan&transform=change&from=2021&to=2021")
	if o := got.Observations; len(o) != 1 || o[0].Value == nil || *o[0].Value != 473.25 || o[0].BasePeriod != "2020" || o[0].Source != "s2024" || o[0].BaseSource != "s2025" {
		t.Errorf("indicator change = %+v", o)
	}

	for _, c := range []struct{ url, param string }{
		{"/api/v1/observations?indicators=nope", "indicators"},
		{"/api/v1/observations?latest=maybe", "latest"},
		{"/api/v1/observations?transform=log", "transform"},
		{"/api/v1/observations?from=20x4", "from"},
		{"/api/v1/indicators/gdp?as_of=yesterday", "as_of"},
	} {
		r := fetch(t, base+c.url)
		var p struct {
			Status int
			Detail string
		}
		if r.status != 400 || r.header.Get("Content-Type") != "application/problem+json" || json.Unmarshal(r.body, &p) != nil || p.Status != 400 || !strings.Contains(p.Detail, c.param) {
			t.Errorf("%s: %d %s %s", c.url, r.status, r.header.Get("Content-Type"), r.body)
		}
	}
	if r := fetch(t, base+"/api/v1/indicators/nope"); r.status != 404 || r.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("unknown indicator: %d %s", r.status, r.header.Get("Content-Type"))
	}
}

// TestOpenAPIFindingKinds: the API's documentation names every kind of
// finding the draft check can give, and no other.
func TestOpenAPIFindingKinds(t *testing.T) {
	var doc any
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	var enums [][]string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if kind, ok := v["kind"].(map[string]any); ok {
				if e, ok := kind["enum"].([]any); ok {
					var names []string
					for _, n := range e {
						names = append(names, fmt.Sprint(n))
					}
					enums = append(enums, names)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	if len(enums) != 1 {
		t.Fatalf("%d enums of finding kinds in openapi.json, want 1", len(enums))
	}
	got, want := slices.Sorted(slices.Values(enums[0])), slices.Sorted(slices.Values(figcheck.Kinds))
	if !slices.Equal(got, want) {
		t.Errorf("openapi.json lists finding kinds %v; the check gives %v", got, want)
	}
}
