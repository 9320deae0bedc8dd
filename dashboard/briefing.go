package dashboard

import "github.com/labstack/echo/v4"

func (s *Server) handleBriefing(c echo.Context) error { return echo.ErrNotImplemented }
