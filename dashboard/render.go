package dashboard

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
	"districtstats/request"
)

//go:embed templates
var templateFS embed.FS

// views holds one template set per view: the common layout and partials
// plus that view's file, which defines "title" and "content".
type views struct{ byName map[string]*template.Template }

func parseViews() (*views, error) {
	v := &views{byName: map[string]*template.Template{}}
	names, err := fs.Glob(templateFS, "templates/views/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range names {
		name := strings.TrimSuffix(path.Base(f), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/common/*.html", f)
		if err != nil {
			return nil, fmt.Errorf("view %s: %w", name, err)
		}
		v.byName[name] = t
	}
	return v, nil
}

// Page is what every view gets.
type Page struct {
	Lang     figure.Lang
	Title    string // set by the handler; the view may also define it
	Path     string // request path, for the language switch and active nav
	Query    url.Values
	Snapshot *Snapshot
	// Published is the latest publication date among the figures the page
	// shows (as written), for the freshness line; empty means the snapshot's.
	Published string
	Embed     bool   // embed pages drop navigation
	Origin    string // the configured -base-url, for snippets pasted elsewhere; "" = relative
	Charts    bool   // the page draws charts: only then does it load ECharts
	Data      any
}

// T picks the string for the page's language.
func (p *Page) T(zh, en string) string {
	if p.Lang == figure.En {
		return en
	}
	return zh
}

// LangURL is the current URL in the other language, keeping every parameter.
func (p *Page) LangURL(lang string) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	if lang == "zh" {
		q.Del("lang")
	} else {
		q.Set("lang", lang)
	}
	return withQuery(p.Path, q)
}

// URL builds a link that keeps the page's language.
func (p *Page) URL(path string) string { return urlIn(p.Lang, path) }

// urlIn is path in lang: Chinese is the default, English says lang=en.
func urlIn(lang figure.Lang, path string) string {
	if lang != figure.En {
		return path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "lang=en"
}

// Twin is the URL of this page's data in another format, same parameters.
func (p *Page) Twin(ext string, extra ...string) string {
	q := url.Values{}
	for k, v := range p.Query {
		if k != "lang" && k != request.PageNo { // a twin carries every row
			q[k] = v
		}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	base := strings.TrimSuffix(p.Path, "/")
	if base == "" {
		base = "/overview"
	}
	return withQuery(base+"."+ext, q)
}

// FreshnessDate is the latest publication date to show in the footer.
func (p *Page) FreshnessDate() string {
	if p.Published != "" {
		return p.Published
	}
	if p.Snapshot != nil {
		return p.Snapshot.Info.LatestPublished
	}
	return ""
}

func withQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

func langOf(c echo.Context) figure.Lang {
	if c.QueryParam("lang") == "en" {
		return figure.En
	}
	return figure.Zh
}

// newPage starts the data every view gets.
func (s *Server) newPage(c echo.Context, data any) *Page {
	return &Page{Lang: langOf(c), Path: c.Request().URL.Path, Query: c.QueryParams(), Snapshot: s.snapshot(c), Data: data,
		Origin: s.cfg.BaseURL}
}

// render writes a view with status 200. Rendering goes to a buffer first so
// that a template error becomes a clean 500, not half a page.
func (s *Server) render(c echo.Context, view string, p *Page) error {
	return s.renderStatus(c, http.StatusOK, view, p)
}

func (s *Server) renderStatus(c echo.Context, status int, view string, p *Page) error {
	t, ok := s.views.byName[view]
	if !ok {
		return fmt.Errorf("no view %q", view)
	}
	p.Charts = chartViews[view]
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", view, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// isoTime is t as a datetime attribute wants it.
func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// chartViews draw charts; other pages do not load ECharts (220 KB gzipped).
// The overview's sparklines are SVG drawn on the server.
var chartViews = map[string]bool{"topic": true, "indicator": true, "embed": true}

// funcs are the template helpers. Formatting goes through package figure,
// so qualifiers and units are never dropped.
var funcs = template.FuncMap{
	"value": func(o queries.Observation, i *queries.Indicator, lang figure.Lang) string {
		return figure.Value(o.Value, o.Qualifier, unitOf(i), lang)
	},
	"cardValue":      cardValue,
	"digits":         figure.Digits,
	"period":         figure.Period,
	"periodOf":       press.PeriodLabel, // a figure's period, saying when the source did not state it
	"date":           figure.Date,
	"time":           figure.TimeIn, // in the site's time zone: {{time .Info.BuiltAt $.Snapshot.Loc $.Lang}}
	"status":         figure.Status,
	"iso":            isoTime,
	"pc":             pc,
	"checkboxes":     checkboxes,
	"indicatorLinks": indicatorLinks,
	"overviewCards":  overviewCards,
	"measureAmount":  measureAmount,
	"topicLabel": func(snap *Snapshot, id string, lang figure.Lang) string {
		if t, ok := snap.Def.Topic(id); ok {
			return pick(lang, t.NameZh, t.NameEn)
		}
		return id
	},
	"add":         func(a, b int) int { return a + b },
	"verdictMark": verdictMark,
	"regionLabel": func(snap *Snapshot, id string, lang figure.Lang) string { return regionName(snap, id, lang) },
}

// unitOf is the figure.Unit of an indicator.
func unitOf(i *queries.Indicator) figure.Unit {
	if i == nil {
		return figure.Unit{}
	}
	return figure.Unit{Code: i.Unit, Zh: i.UnitZh, En: i.UnitEn}
}
