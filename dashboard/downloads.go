package dashboard

import "github.com/labstack/echo/v4"

func (s *Server) handleDownloads(c echo.Context) error { return echo.ErrNotImplemented }

func (s *Server) handleDownload(c echo.Context) error { return echo.ErrNotImplemented }
