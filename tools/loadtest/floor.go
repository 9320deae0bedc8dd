package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"districtstats/internal/gzipware"
)

// floorPage is one response the floor serves: the bytes the dashboard sent
// for that URL (uncompressed), and its content type.
type floorPage struct {
	URI         string `json:"uri"`
	ContentType string `json:"content_type"`
	File        string `json:"file"`
}

// runFloor is the floor: echo serving each page's bytes from memory through
// the middleware the dashboard uses (request id, request log, recover, body
// limit, security headers, gzip level 5 from 1 KB, context timeout), in its
// own process as the dashboard is. Anything faster than this is the network
// and the client, not the dashboard.
func runFloor(dir, logPath string) error {
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return err
	}
	var pages []floorPage
	if err := json.Unmarshal(b, &pages); err != nil {
		return err
	}
	type page struct {
		ct   string
		body []byte
	}
	byURI := map[string]page{}
	for _, p := range pages {
		body, err := os.ReadFile(filepath.Join(dir, p.File))
		if err != nil {
			return err
		}
		byURI[p.URI] = page{p.ContentType, body}
	}
	logf, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logf.Close()
	log := slog.New(slog.NewTextHandler(logf, nil))

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(middleware.RequestID())
	e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogRemoteIP: true, LogRequestID: true, LogError: true,
		HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			log.LogAttrs(context.Background(), slog.LevelInfo, "request", slog.String("method", v.Method), slog.String("uri", v.URI),
				slog.Int("status", v.Status), slog.Duration("latency", v.Latency), slog.String("ip", v.RemoteIP), slog.String("request_id", v.RequestID))
			return nil
		},
	}))
	e.Use(middleware.Recover())
	e.Use(middleware.BodyLimit("1M"))
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("X-Frame-Options", "DENY")
			h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "+
				"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			return next(c)
		}
	})
	e.Use(gzipware.Middleware(5, 1024)) // the dashboard's own
	e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: 10 * time.Second}))
	e.GET("/*", func(c echo.Context) error {
		p, ok := byURI[c.Request().RequestURI]
		if !ok {
			return echo.ErrNotFound
		}
		return c.Blob(http.StatusOK, p.ct, p.body)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("http://%s/\n", ln.Addr())
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	return srv.Serve(ln)
}
