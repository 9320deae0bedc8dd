package dashboard

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"districtstats/figure"
	"districtstats/press/figcheck"
	"districtstats/request"
)

// checkBodyLimit bounds a check request: the text's MaxChars characters as
// form or JSON encoding writes them (up to 9 bytes a character), plus room.
// Past it the handler answers 413 in the page's or the API's own form.
const checkBodyLimit = 256 << 10

func limitBody(c echo.Context) {
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, checkBodyLimit)
}

// figureCatalog is the figure check's catalog of the request's snapshot,
// loaded on first use and kept while the snapshot is open.
func (s *Server) figureCatalog(c echo.Context) (*figcheck.Catalog, error) {
	snap := s.snapshot(c)
	v, err := snap.Memo("figcheck", func() (any, error) { return figcheck.Load(c.Request().Context(), snap.DB) })
	if err != nil {
		return nil, err
	}
	return v.(*figcheck.Catalog), nil
}

// checkInput is what a check request carries, from the page's form or the
// API's JSON. Nothing of it is stored or logged.
type checkInput struct {
	Text string `json:"text"`
	Date string `json:"date"` // YYYY-MM-DD, optional
	Lang string `json:"lang"` // zh | en, optional
}

// options checks the input and turns it into check options.
func (in checkInput) options(lang figure.Lang) (figcheck.Options, error) {
	o := figcheck.Options{Lang: lang}
	switch in.Lang {
	case "":
	case "zh", "en":
		o.Lang = figure.Lang(in.Lang)
	default:
		return o, badParam("lang", in.Lang, "zh or en")
	}
	if in.Date != "" {
		d, err := time.Parse("2006-01-02", in.Date)
		if err != nil {
			return o, badParam("date", in.Date, "a date YYYY-MM-DD (the day the text speaks from: 去年 is the year before it)")
		}
		o.Date = d
	}
	return o, nil
}

// runCheck checks the text; an over-long text is a 413 that says the limit.
func (s *Server) runCheck(c echo.Context, in checkInput, o figcheck.Options) (*figcheck.Report, error) {
	cat, err := s.figureCatalog(c)
	if err != nil {
		return nil, err
	}
	rep, err := cat.Check(in.Text, o)
	var tl *figcheck.TooLongError
	if errors.As(err, &tl) {
		return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge, pick(o.Lang,
			fmt.Sprintf("文本过长：%d 字以上，一次最多核对 %d 字，请分段粘贴。", tl.Chars, figcheck.MaxChars), tl.Error()))
	}
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	return rep, nil
}

// handleAPICheck is POST /api/v1/check: {"text": …, "date": …, "lang": …}
// in, the report out.
func (s *Server) handleAPICheck(c echo.Context) error {
	if _, err := parseView(c, s.snapshot(c), request.Page); err != nil {
		return err
	}
	var in checkInput
	limitBody(c)
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is over %d KB; a text may have at most %d characters", checkBodyLimit>>10, figcheck.MaxChars))
		}
		return echo.NewHTTPError(http.StatusBadRequest, `the body must be JSON: {"text": "…", "date": "YYYY-MM-DD", "lang": "zh"|"en"} (`+err.Error()+`)`)
	}
	if strings.TrimSpace(in.Text) == "" {
		return echo.NewHTTPError(http.StatusBadRequest, `"text" is required: the draft to check`)
	}
	o, err := in.options(figure.Zh)
	if err != nil {
		return err
	}
	rep, err := s.runCheck(c, in, o)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, rep)
}

// checkPage is what the /check view shows.
type checkPage struct {
	Text, Date string
	MaxChars   int
	Report     *figcheck.Report
	Marked     template.HTML // the text with each figure marked by its result
	Error      string
}

// handleCheck is the page: GET shows the empty form; POST (the form) checks
// the text and shows it marked, with the results below in text order.
func (s *Server) handleCheck(c echo.Context) error {
	// The text never travels in the URL (which the log records): ?text= is
	// an unknown parameter.
	if _, err := parseView(c, s.snapshot(c), request.Page); err != nil {
		return err
	}
	lang := langOf(c)
	d := &checkPage{MaxChars: figcheck.MaxChars}
	p := s.newPage(c, d)
	p.Title = p.T("数字核对", "Figure check")
	c.Response().Header().Set("Cache-Control", "no-store")
	if c.Request().Method != http.MethodPost {
		return s.render(c, "check", p)
	}
	limitBody(c)
	if err := c.Request().ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			d.Error = p.T(fmt.Sprintf("文本过长：一次最多核对 %d 字，请分段粘贴。", figcheck.MaxChars),
				fmt.Sprintf("The text is too long: at most %d characters can be checked at once; split it.", figcheck.MaxChars))
			return s.renderStatus(c, http.StatusRequestEntityTooLarge, "check", p)
		}
		return echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	in := checkInput{Text: c.Request().PostForm.Get("text"), Date: c.Request().PostForm.Get("date")}
	d.Text, d.Date = in.Text, in.Date
	o, err := in.options(lang)
	status := http.StatusOK
	if err == nil && strings.TrimSpace(in.Text) != "" {
		d.Report, err = s.runCheck(c, in, o)
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code < 500 {
		d.Error, status = fmt.Sprint(he.Message), he.Code
	} else if err != nil {
		return err
	}
	if d.Report != nil {
		d.Marked = markFigures(in.Text, d.Report, lang)
	}
	return s.renderStatus(c, status, "check", p)
}

// markFigures writes the text as HTML with each figure in a <mark> that
// carries its result as a class (the colour) and a text label (for people
// who cannot tell the colours apart), linked to its result below.
func markFigures(text string, rep *figcheck.Report, lang figure.Lang) template.HTML {
	var b strings.Builder
	at := 0
	for i, r := range rep.Results {
		if r.Start < at {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:r.Start]))
		fmt.Fprintf(&b, `<a class="fig fig-%s" href="#result-%d" id="fig-%d" data-verdict="%s"><mark>%s</mark><span class="fig-label">%s</span></a>`,
			r.Verdict, i+1, i+1, r.Verdict, template.HTMLEscapeString(r.Text), template.HTMLEscapeString(verdictMark(r.Verdict)+r.Label))
		at = r.End
	}
	b.WriteString(template.HTMLEscapeString(text[at:]))
	return template.HTML(b.String())
}

// verdictMark is a sign beside the label, so the result reads without colour.
func verdictMark(v string) string {
	return map[string]string{figcheck.Matches: "✓", figcheck.Differs: "✗", figcheck.Ambiguous: "?", figcheck.NotInData: "–"}[v]
}
