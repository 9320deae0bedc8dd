package dashboard

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/export"
	"districtstats/press"
	"districtstats/queries"
	"districtstats/request"
	"districtstats/transform"
)

// openAPI documents /api/v1; the docs page is rendered from it, so the two
// cannot disagree. Its examples are placeholders ("{{region}}" …) that
// apiSpec fills from the snapshot: a district's own ids, never another's.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) handleOpenAPI(c echo.Context) error {
	spec, err := s.apiSpec(c)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/json", spec)
}

// apiSpec is openapi.json with the snapshot's examples, made once per
// snapshot: the home region and its parent, the first indicators that
// have a figure for it, and that figure's ready sentence for the draft
// check (which then finds it consistent).
func (s *Server) apiSpec(c echo.Context) ([]byte, error) {
	snap := s.snapshot(c)
	v, err := snap.Memo("api/openapi", func() (any, error) {
		home := snap.Def.Site.HomeRegion
		regions := home
		if r, ok := snap.Region(home); ok && r.Parent != "" {
			regions += "," + r.Parent
		}
		obs, err := queries.Observations(c.Request().Context(), snap.DB, queries.Filter{Regions: []string{home}, LatestOnly: true})
		if err != nil {
			return nil, err
		}
		var inds []string
		text, date := "", ""
		for _, o := range obs {
			if len(inds) < 2 && !slices.Contains(inds, o.Indicator) {
				inds = append(inds, o.Indicator)
			}
			if f, ok := figureOf(snap, o); ok && text == "" && o.Status != "target" {
				text = press.Sentences(f).Zh.Body
				if len(o.SourcePublished) == len("2006-01-02") {
					date = o.SourcePublished
				}
			}
		}
		if len(inds) == 0 { // a district with no figure yet: its first indicator
			for _, ind := range snap.Indicators {
				inds = append(inds, ind.ID)
				break
			}
		}
		spec := string(openAPI)
		for _, ex := range [][2]string{{"indicator", strings.Join(inds[:min(1, len(inds))], "")}, {"indicators", strings.Join(inds, ",")},
			{"region", home}, {"regions", regions}, {"check_text", text}, {"check_date", date}} {
			b, _ := json.Marshal(ex[1])
			spec = strings.ReplaceAll(spec, `"{{`+ex[0]+`}}"`, string(b))
		}
		if strings.Contains(spec, "{{") {
			return nil, fmt.Errorf("openapi.json: a placeholder without a value")
		}
		return []byte(spec), nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

// handleAPIIndicators lists every indicator with its unit and definition.
func (s *Server) handleAPIIndicators(c echo.Context) error {
	snap := s.snapshot(c)
	if _, err := parseView(c, snap, request.Page); err != nil {
		return err
	}
	list := make([]export.IndicatorJSON, 0, len(snap.Indicators))
	for i := range snap.Indicators {
		list = append(list, export.Indicator(&snap.Indicators[i]))
	}
	return apiJSON(c, map[string]any{"snapshot": export.SnapshotJSON{BuiltAt: snap.Info.BuiltAt}, "indicators": list})
}

// handleAPIIndicator is one indicator with its observations, filtered as
// /api/v1/observations is.
func (s *Server) handleAPIIndicator(c echo.Context) error {
	snap := s.snapshot(c)
	ind, ok := snap.Indicator(c.Param("id"))
	if !ok {
		return notFound("no indicator %q; see /api/v1/indicators", c.Param("id"))
	}
	v, err := parseView(c, snap, request.APIIndicator)
	if err != nil {
		return err
	}
	cat := s.catalog(snap)
	rows, err := export.Select(c.Request().Context(), snap.DB, cat, v.Filter([]string{ind.ID}, nil, v.Latest), v.Transform)
	if err != nil {
		return err
	}
	obs := []export.ObservationJSON{}
	err = rows(func(r *transform.Row) error {
		obs = append(obs, export.Observation(cat, r))
		return nil
	})
	if err != nil {
		return err
	}
	return apiJSON(c, map[string]any{"snapshot": export.SnapshotJSON{BuiltAt: snap.Info.BuiltAt}, "indicator": export.Indicator(ind), "observations": obs})
}

func (s *Server) handleAPIRegions(c echo.Context) error {
	snap := s.snapshot(c)
	if _, err := parseView(c, snap, request.Page); err != nil {
		return err
	}
	// Every region of the snapshot (331 KB at 2,850 regions): encoded once
	// per snapshot, which never changes.
	body, err := snap.Memo("api/regions", func() (any, error) {
		list := make([]export.RegionJSON, 0, len(snap.Regions))
		for i := range snap.Regions {
			list = append(list, export.Region(&snap.Regions[i]))
		}
		return encodeJSON(map[string]any{"snapshot": export.SnapshotJSON{BuiltAt: snap.Info.BuiltAt}, "regions": list})
	})
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, export.JSON.ContentType(), body.([]byte))
}

func (s *Server) handleAPISources(c echo.Context) error {
	snap := s.snapshot(c)
	if _, err := parseView(c, snap, request.Page); err != nil {
		return err
	}
	list := make([]export.SourceJSON, 0, len(snap.Sources))
	for i := range snap.Sources {
		list = append(list, export.Source(&snap.Sources[i]))
	}
	return apiJSON(c, map[string]any{"snapshot": export.SnapshotJSON{BuiltAt: snap.Info.BuiltAt}, "sources": list})
}

// handleAPIObservations streams observations with the indicators, regions
// and sources they use.
func (s *Server) handleAPIObservations(c echo.Context) error {
	snap := s.snapshot(c)
	v, err := parseView(c, snap, request.API)
	if err != nil {
		return err
	}
	cat := s.catalog(snap)
	rows, err := export.Select(c.Request().Context(), snap.DB, cat, v.Filter(v.Indicators, nil, v.Latest), v.Transform)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentType, export.JSON.ContentType())
	c.Response().WriteHeader(http.StatusOK)
	return export.WriteObservations(c.Response(), export.JSON, cat, rows)
}

// encodeJSON is what apiJSON writes, as bytes.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func apiJSON(c echo.Context, v any) error {
	c.Response().Header().Set(echo.HeaderContentType, export.JSON.ContentType())
	c.Response().WriteHeader(http.StatusOK)
	enc := json.NewEncoder(c.Response())
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// handleAPIDocs renders the OpenAPI file as a plain page: no Swagger UI,
// no CDN, no script.
func (s *Server) handleAPIDocs(c echo.Context) error {
	spec, err := s.apiSpec(c)
	if err != nil {
		return err
	}
	doc, err := parseOpenAPI(spec)
	if err != nil {
		return err
	}
	p := s.newPage(c, doc)
	p.Title = "JSON API"
	return s.render(c, "apidocs", p)
}

// apiDoc is the part of an OpenAPI 3 document the docs page shows.
type apiDoc struct {
	Info struct {
		Title, Version, Description string
	}
	Ops []apiOp
}

type apiOp struct {
	Method, Path, Summary, Description string
	Anchor                             string // get-api-v1-indicators-id
	Params                             []apiParam
	Body                               string // the request body, described
	Responses                          []apiResponse
}

type apiParam struct {
	Name, In, Description, Type, Example string
	Required                             bool
	Enum                                 []string
}

type apiResponse struct {
	Status, Description string
	Types               []string
}

func parseOpenAPI(spec []byte) (*apiDoc, error) {
	type param struct {
		Ref         string `json:"$ref"`
		Name, In    string
		Description string
		Required    bool
		Example     any
		Schema      struct {
			Type string
			Enum []string
		}
	}
	var raw struct {
		Info struct {
			Title, Version, Description string
		}
		Paths map[string]map[string]struct {
			Summary, Description string
			Parameters           []param
			RequestBody          struct{ Description string }
			Responses            map[string]struct {
				Description string
				Content     map[string]any
			}
		}
		Components struct {
			Parameters map[string]param
		}
	}
	if err := json.Unmarshal(spec, &raw); err != nil {
		return nil, err
	}
	doc := &apiDoc{}
	doc.Info = raw.Info
	for path, methods := range raw.Paths {
		for method, op := range methods {
			o := apiOp{Method: strings.ToUpper(method), Path: path, Summary: op.Summary, Description: op.Description, Body: op.RequestBody.Description,
				Anchor: strings.Trim(strings.Map(func(r rune) rune {
					if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
						return r
					}
					return '-'
				}, method+path), "-")}
			for _, p := range op.Parameters {
				if p.Ref != "" {
					p = raw.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				ex := ""
				if p.Example != nil {
					b, _ := json.Marshal(p.Example)
					ex = strings.Trim(string(b), `"`)
				}
				o.Params = append(o.Params, apiParam{p.Name, p.In, p.Description, p.Schema.Type, ex, p.Required, p.Schema.Enum})
			}
			for status, r := range op.Responses {
				resp := apiResponse{Status: status, Description: r.Description}
				for t := range r.Content {
					resp.Types = append(resp.Types, t)
				}
				sort.Strings(resp.Types)
				o.Responses = append(o.Responses, resp)
			}
			sort.Slice(o.Responses, func(i, j int) bool { return o.Responses[i].Status < o.Responses[j].Status })
			doc.Ops = append(doc.Ops, o)
		}
	}
	sort.Slice(doc.Ops, func(i, j int) bool { return doc.Ops[i].Path < doc.Ops[j].Path })
	return doc, nil
}
