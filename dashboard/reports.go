package dashboard

import "github.com/labstack/echo/v4"

func (s *Server) handleReports(c echo.Context) error { return echo.ErrNotImplemented }
