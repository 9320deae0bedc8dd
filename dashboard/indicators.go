package dashboard

import "github.com/labstack/echo/v4"

func (s *Server) handleIndicators(c echo.Context) error { return echo.ErrNotImplemented }
