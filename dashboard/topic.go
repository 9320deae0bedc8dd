package dashboard

import "github.com/labstack/echo/v4"

func (s *Server) handleTopic(c echo.Context) error { return echo.ErrNotImplemented }

func (s *Server) handleChart(c echo.Context) error { return echo.ErrNotImplemented }
