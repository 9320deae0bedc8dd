package dashboard

import "github.com/labstack/echo/v4"

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
