package dashboard

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/figure"
	"districtstats/request"
)

// Handlers return errors; this one place turns them into responses. An
// *echo.HTTPError carries its status and a message meant for the user;
// anything else is a 500 whose detail goes to the log, not the page.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, msg := http.StatusInternalServerError, ""
	var he *echo.HTTPError
	var bad *request.Error
	switch {
	case errors.As(err, &bad):
		s.badRequest(c, bad)
		return
	case errors.As(err, &he):
		status = he.Code
		msg = fmt.Sprint(he.Message)
		if he.Internal != nil && status >= 500 {
			s.log.Error("request failed", "err", he.Internal, "request_id", requestID(c))
		}
	case errors.Is(err, context.DeadlineExceeded):
		status, msg = http.StatusServiceUnavailable, ""
	default:
		s.log.Error("request failed", "err", err, "request_id", requestID(c))
	}
	if msg == "" || status >= 500 {
		msg = http.StatusText(status)
		if status >= 500 {
			msg += " (request " + requestID(c) + ")"
		}
	}

	path := c.Request().URL.Path
	switch {
	case strings.HasPrefix(path, "/api/") || strings.HasSuffix(path, ".json"):
		// RFC 9457 problem details.
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		c.JSON(status, map[string]any{"type": "about:blank", "title": http.StatusText(status), "status": status, "detail": msg})
	case c.Request().Method == http.MethodHead:
		c.NoContent(status)
	case hasDataExt(path):
		c.String(status, msg+"\n")
	default:
		p := &Page{Lang: langOf(c), Path: path, Query: c.QueryParams(), Data: errorView{Message: msg}}
		p.Title = p.T(map[int]string{404: "未找到", 400: "请求有误"}[status], http.StatusText(status))
		if p.Title == "" {
			p.Title = http.StatusText(status)
		}
		if err := s.renderStatus(c, status, "error", p); err != nil {
			c.String(status, msg)
		}
	}
}

// badRequest answers a bad parameter: for people in the page's language
// with a link to the list it points to; as problem details (English, with
// the Chinese beside it) for the API and JSON twins.
func (s *Server) badRequest(c echo.Context, bad *request.Error) {
	status := http.StatusBadRequest
	path := c.Request().URL.Path
	lang := langOf(c)
	switch {
	case strings.HasPrefix(path, "/api/") || strings.HasSuffix(path, ".json"):
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		p := map[string]any{"type": "about:blank", "title": http.StatusText(status), "status": status,
			"detail": bad.Message(figure.En), "detail_zh": bad.Message(figure.Zh), "param": bad.Param}
		if l := listLink(bad.List, true); l != "" {
			p["see"] = l
		}
		c.JSON(status, p)
	case c.Request().Method == http.MethodHead:
		c.NoContent(status)
	case hasDataExt(path):
		msg := bad.Message(lang)
		if l := listLink(bad.List, false); l != "" {
			msg += " " + pick(lang, "（列表见 ", "(see ") + l + pick(lang, "）", ")")
		}
		c.String(status, msg+"\n")
	default:
		p := &Page{Lang: lang, Path: path, Query: c.QueryParams(), Data: errorView{bad.Message(lang), listLink(bad.List, false)}}
		p.Title = p.T("请求有误", "Bad request")
		if err := s.renderStatus(c, status, "error", p); err != nil {
			c.String(status, bad.Message(lang))
		}
	}
}

// errorView is what the error page shows: the message and the list it
// points to, if any.
type errorView struct {
	Message, Link string
}

func hasDataExt(path string) bool {
	for _, ext := range []string{".csv", ".xlsx", ".parquet", ".md", ".txt", ".docx", ".png", ".svg"} {
		if strings.HasSuffix(path, ext) {
			return true
		}
	}
	return false
}

func requestID(c echo.Context) string { return c.Response().Header().Get(echo.HeaderXRequestID) }

// notFound is a 404 with a message for the user.
func notFound(format string, args ...any) error {
	return echo.NewHTTPError(http.StatusNotFound, fmt.Sprintf(format, args...))
}

// listLink is where the list an error points to lives: a page for people,
// the API's own list for API clients.
func listLink(list string, api bool) string {
	switch list {
	case request.ListIndicators, request.ListTopics:
		if api {
			return "/api/v1/indicators"
		}
		return "/indicators"
	case request.ListRegions:
		return "/api/v1/regions"
	case request.ListTransforms:
		return "/api/v1/docs"
	}
	return ""
}

// badParam is a 400 that names the parameter, the value and what is allowed.
func badParam(name, value, allowed string) error {
	return echo.NewHTTPError(http.StatusBadRequest, fmt.Sprintf("parameter %s=%q is not valid: %s", name, value, allowed))
}
