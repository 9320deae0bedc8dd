// Package dashboard is the web server officials, analysts and press staff
// use: pages rendered from queries against a read-only snapshot, each with
// machine-readable twins (.csv, .json, …).
package dashboard

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"districtstats/internal/gzipware"
)

// Config holds what the server needs besides its snapshot.
type Config struct {
	Log             *slog.Logger
	RequestTimeout  time.Duration // deadline every query runs under
	DownloadTimeout time.Duration // deadline for whole-dataset downloads (/downloads/…)
	TrustProxy      bool          // take the client IP from X-Forwarded-For (behind a proxy)
	FrameAncestors  string        // CSP frame-ancestors for /embed/ pages, e.g. "'self' https://intranet.example"
	// BaseURL is this server's public address (https://stats.example.gov.cn),
	// for embed snippets pasted on other sites. Empty: snippets carry a
	// relative URL. Never taken from the request's Host or X-Forwarded-*,
	// which any client can set.
	BaseURL string
	// CacheBytes bounds the response cache (rendered pages, twins and API
	// answers of the current snapshot); 0 means 64 MB, negative turns it off.
	CacheBytes int64
	// Warm renders the overview, topic and indicator pages into the cache
	// at start and after every swap, so the crowd that opens them when a
	// bulletin comes out finds them rendered (see warm.go).
	Warm bool
	// RenderSlots is how many requests render at once (see slots.go); 0
	// means one per CPU Go may use, negative no limit.
	RenderSlots int
}

// Server serves the dashboard from a Store.
type Server struct {
	store   *Store
	cfg     Config
	views   *views
	log     *slog.Logger
	warming atomic.Int32 // warms in progress (see warm.go); /readyz says so
}

// New builds the echo instance: middleware, error handler and every route.
func New(store *Store, cfg Config) (*echo.Echo, error) {
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 10 * time.Second
	}
	if cfg.DownloadTimeout == 0 {
		cfg.DownloadTimeout = 10 * time.Minute
	}
	if cfg.FrameAncestors == "" {
		cfg.FrameAncestors = "'self'"
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = 64 << 20
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	v, err := parseViews()
	if err != nil {
		return nil, err
	}
	s := &Server{store: store, cfg: cfg, views: v, log: cfg.Log}

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	if cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	e.HTTPErrorHandler = s.handleError

	e.Use(middleware.RequestID())
	e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		Skipper:   isWarm,
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogRemoteIP: true, LogRequestID: true, LogError: true,
		HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			attrs := []slog.Attr{slog.String("method", v.Method), slog.String("uri", v.URI), slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency), slog.String("ip", v.RemoteIP), slog.String("request_id", v.RequestID)}
			if v.Error != nil {
				attrs = append(attrs, slog.String("err", v.Error.Error()))
			}
			cfg.Log.LogAttrs(context.Background(), level, "request", attrs...)
			return nil
		},
	}))
	e.Use(middleware.Recover())
	e.Use(middleware.BodyLimit("1M"))
	e.Use(s.securityHeaders)
	e.Use(s.holdSnapshot)
	if cfg.CacheBytes > 0 {
		// Outside gzip: the cache keeps the compressed bytes and serves them
		// as they are; a response is rendered once per snapshot and request.
		e.Use(s.responseCache().Middleware)
	}
	if cfg.RenderSlots == 0 {
		cfg.RenderSlots = runtime.GOMAXPROCS(0)
	}
	if cfg.RenderSlots > 0 {
		// Inside the cache (only misses wait) and outside gzip (compressing
		// is part of a render, and the slot counts the bytes sent).
		e.Use(renderSlots(cfg.RenderSlots, cfg.RequestTimeout))
	}
	e.Use(gzipware.Middleware(5, 1024))
	// Whole-dataset downloads stream for longer than a page may take; they
	// get their own deadline on their route.
	e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{
		Timeout: cfg.RequestTimeout,
		Skipper: func(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/downloads/") },
	}))
	s.routes(e)
	if cfg.Warm && cfg.CacheBytes > 0 {
		store.OnSwap(func(snap *Snapshot) { s.warm(e, snap) })
		go s.warm(e, store.Current())
	}
	return e, nil
}

// securityHeaders sets the Content-Security-Policy and friends. No page runs
// inline script: charts start from static JS reading JSON data blocks, so
// script-src is 'self' alone. Only /embed/ pages may be framed.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		frame := "'none'"
		if isEmbed(c.Request().URL.Path) {
			frame = s.cfg.FrameAncestors
		} else {
			h.Set("X-Frame-Options", "DENY")
		}
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "+
			"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors "+frame)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		return next(c)
	}
}

func isEmbed(path string) bool { return len(path) >= 7 && path[:7] == "/embed/" }

// snapshot acquires the current snapshot for the rest of the request: every
// query of one request sees the same snapshot, even across a swap.
func (s *Server) snapshot(c echo.Context) *Snapshot {
	if snap, ok := c.Get("snapshot").(*Snapshot); ok {
		return snap
	}
	snap, release := s.store.Acquire()
	c.Set("snapshot", snap)
	c.Set("release", release)
	return snap
}

// holdSnapshot releases the request's snapshot only after the response,
// error pages included, is written.
func (s *Server) holdSnapshot(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		defer func() { // deferred: a panic must not keep the snapshot open
			if release, ok := c.Get("release").(func()); ok {
				release()
			}
		}()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		return err // the logger records it; the response is already written
	}
}

func (s *Server) handleHealthz(c echo.Context) error { return c.String(http.StatusOK, "ok\n") }

func (s *Server) handleReadyz(c echo.Context) error {
	snap := s.snapshot(c)
	if err := snap.DB.PingContext(c.Request().Context()); err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "snapshot not readable").SetInternal(err)
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ready", "built_at": snap.Info.BuiltAt, "observations": snap.Info.Observations,
		"warming": s.warming.Load() > 0})
}
