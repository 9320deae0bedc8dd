package dashboard

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/export"
	"districtstats/queries"
	"districtstats/request"
)

// handleIndicators lists every indicator, filtered by topic= and searched by
// q= in either language (and by id).
func (s *Server) handleIndicators(c echo.Context) error {
	ext := c.Param("ext")
	if ext != "" && ext != "json" {
		return notFound("no %q format for the indicator list: use .json (or /api/v1/indicators)", ext)
	}
	snap := s.snapshot(c)
	v, err := parseView(c, snap, request.IndicatorList)
	if err != nil {
		return err
	}
	topic, q := v.Topic, v.Q
	var list []queries.Indicator
	needle := strings.ToLower(q)
	for _, ind := range snap.Indicators {
		if topic != "" && ind.Topic != topic {
			continue
		}
		if needle != "" && !strings.Contains(strings.ToLower(ind.ID+" "+ind.NameZh+" "+ind.NameEn), needle) {
			continue
		}
		list = append(list, ind)
	}
	if ext == "json" {
		out := make([]export.IndicatorJSON, 0, len(list)) // the API's field names
		for i := range list {
			out = append(out, export.Indicator(&list[i]))
		}
		return c.JSON(http.StatusOK, map[string]any{"indicators": out})
	}
	p := s.newPage(c, nil)
	p.Title = p.T("全部指标", "All indicators")
	p.Data = struct {
		Topic, Q   string
		Indicators []queries.Indicator
	}{topic, q, list}
	return s.render(c, "indicators", p)
}
