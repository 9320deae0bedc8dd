package dashboard

import (
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"districtstats/respcache"
)

// processStart goes into every ETag with the snapshot's build time: a new
// binary may render the same snapshot differently, so a restart must not
// answer 304 to a page an older binary rendered.
var processStart = strconv.FormatInt(time.Now().UnixNano(), 36)

// version names the data a response is rendered from, for the response
// cache: Seq orders swaps in this process, ID names snapshot and process.
func version(s *Snapshot) respcache.Version {
	return respcache.Version{Seq: s.Seq, ID: s.Info.BuiltAt.UTC().Format(time.RFC3339Nano) + "/" + processStart}
}

// uncachedRoutes are answered fresh every time: health checks say how the
// server is now, and whole-dataset downloads are streams too large to keep.
// Everything else (pages, twins, API answers, and static files, kept
// gzipped once instead of compressed on every request) is a pure function
// of the snapshot and the canonical request.
var uncachedRoutes = map[string]bool{
	"/healthz": true, "/readyz": true, "/favicon.ico": true, "/downloads/:file": true,
}

// responseCache keeps rendered answers for the current snapshot; a swap
// empties it (the first request on the new snapshot sees a newer Seq).
func (s *Server) responseCache() *respcache.Cache {
	return respcache.New(respcache.Config{
		MaxBytes:  s.cfg.CacheBytes,
		Cacheable: func(c echo.Context) bool { return !uncachedRoutes[c.Path()] },
		Version:   func(c echo.Context) respcache.Version { return version(s.snapshot(c)) },
	})
}
