package dashboard

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// renderSlots lets at most n requests render at a time; the rest wait their
// turn, first come first served. It sits inside the response cache, so only
// misses take a slot: a cached answer never waits.
//
// Why: a cold render is CPU bound (DuckDB, the driver, templates, gzip). On
// 2 cores, 8 renders at once do not finish sooner than 2 at a time; they
// share the caches, the GC and DuckDB's threads and finish later, some
// much later. Waiting in line instead made cold renders at 10M 20-45% more
// per second with shorter tails (docs/benchmarks-serve.md).
//
// A slot is for rendering, not for sending: it is given back as soon as the
// response has sent slotBytes or flushed (a streaming export), so a client
// that reads slowly cannot hold it. A request that waits longer than
// maxWait for a slot gets 503 with Retry-After, as any overloaded server
// should answer; health checks never wait.
func renderSlots(n int, maxWait time.Duration) echo.MiddlewareFunc {
	slots := make(chan struct{}, n)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			switch c.Path() {
			case "/healthz", "/readyz":
				return next(c)
			}
			timer := time.NewTimer(maxWait)
			select {
			case slots <- struct{}{}:
				timer.Stop()
			case <-timer.C:
				c.Response().Header().Set("Retry-After", "1")
				return echo.NewHTTPError(http.StatusServiceUnavailable, "the server is busy; try again in a moment")
			case <-c.Request().Context().Done():
				timer.Stop()
				return c.Request().Context().Err()
			}
			res := c.Response()
			w := &slotWriter{ResponseWriter: res.Writer, release: func() { <-slots }}
			res.Writer = w
			defer func() {
				res.Writer = w.ResponseWriter
				w.done()
			}()
			return next(c)
		}
	}
}

// slotBytes is how much of a response is sent inside its slot: a page (at
// most ~80 KB of HTML, gzipped to a fraction) fits, a long download does not.
const slotBytes = 64 << 10

// slotWriter gives its slot back once the response is streaming.
type slotWriter struct {
	http.ResponseWriter
	release func()
	sent    int
	freed   bool
}

func (w *slotWriter) done() {
	if !w.freed {
		w.freed = true
		w.release()
	}
}

func (w *slotWriter) Write(b []byte) (int, error) {
	if w.sent += len(b); w.sent > slotBytes {
		w.done()
	}
	return w.ResponseWriter.Write(b)
}

func (w *slotWriter) Flush() {
	w.done()
	http.NewResponseController(w.ResponseWriter).Flush()
}

func (w *slotWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
