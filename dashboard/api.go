package dashboard

import "github.com/labstack/echo/v4"

func (s *Server) handleOpenAPI(c echo.Context) error { return echo.ErrNotImplemented }

func (s *Server) handleAPIDocs(c echo.Context) error { return echo.ErrNotImplemented }

func (s *Server) handleAPIIndicators(c echo.Context) error { return echo.ErrNotImplemented }

func (s *Server) handleAPIIndicator(c echo.Context) error { return echo.ErrNotImplemented }

func (s *Server) handleAPIRegions(c echo.Context) error { return echo.ErrNotImplemented }

func (s *Server) handleAPISources(c echo.Context) error { return echo.ErrNotImplemented }

func (s *Server) handleAPIObservations(c echo.Context) error { return echo.ErrNotImplemented }
