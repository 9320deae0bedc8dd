package dashboard

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// embedView is what an embed page shows: one chart and a link back.
type embedView struct {
	Chart    *ChartView
	TopicURL string
}

// handleEmbed is /embed/charts/{topic}/{chart}: the chart alone with its
// title, unit and source line, no navigation, for other sites to frame.
// Only the configured frame-ancestors may frame it (securityHeaders).
func (s *Server) handleEmbed(c echo.Context) error {
	snap := s.snapshot(c)
	topic := c.Param("topic")
	cv, err := s.buildChart(c, snap, topic, c.Param("chart"))
	if err != nil {
		return err
	}
	p := s.newPage(c, embedView{Chart: cv, TopicURL: "/topics/" + topic})
	p.Embed = true
	p.Title = cv.Title
	p.Published = cv.Published
	return s.render(c, "embed", p)
}

// embeddable says other sites may frame the embed pages: -frame-ancestors
// names more than this server. Only then is the snippet offered; a snippet
// that every other site's browser refuses would only mislead.
func (s *Server) embeddable() bool {
	for _, src := range strings.Fields(s.cfg.FrameAncestors) {
		if src != "'self'" && src != "'none'" {
			return true
		}
	}
	return false
}
