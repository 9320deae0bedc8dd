package dashboard

import "github.com/labstack/echo/v4"

func (s *Server) handleOverview(c echo.Context) error { return echo.ErrNotImplemented }
