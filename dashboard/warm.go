package dashboard

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"

	"github.com/labstack/echo/v4"
)

// warmKey marks the server's own warming requests (a context value no
// client can send): the request log skips them.
type warmKey struct{}

// maxWarm bounds the pages warmed per snapshot.
const maxWarm = 400

// warmURLs are what officials open first when a bulletin comes out: the
// overview, the topic pages and every indicator page, in Chinese and
// English, and the static files those pages load.
func warmURLs(snap *Snapshot) []string {
	pages := []string{"/", "/indicators"}
	for _, t := range snap.Def.Topics {
		pages = append(pages, "/topics/"+t.ID)
	}
	for _, ind := range snap.Indicators {
		pages = append(pages, "/indicators/"+ind.ID)
	}
	var urls []string
	for _, p := range pages {
		urls = append(urls, p, p+"?lang=en")
	}
	fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			urls = append(urls, "/"+path)
		}
		return nil
	})
	if len(urls) > maxWarm {
		urls = urls[:maxWarm]
	}
	return urls
}

// warm renders warmURLs into the response cache for a snapshot just swapped
// in (or opened at start), one request at a time so live requests keep
// most of the machine, as a browser asking for gzip would. The snapshot is
// immutable, so these answers stay right until the next swap; warming
// stops as soon as a newer snapshot replaces this one.
func (s *Server) warm(e *echo.Echo, snap *Snapshot) {
	s.warming.Add(1)
	defer s.warming.Add(-1)
	ctx := context.WithValue(context.Background(), warmKey{}, true)
	for _, u := range warmURLs(snap) {
		if cur := s.store.Current(); cur == nil || cur.Seq != snap.Seq {
			return
		}
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			s.log.Warn("warming the response cache stopped", "url", u, "status", rec.Code)
			return
		}
	}
}

// isWarm reports a warming request.
func isWarm(c echo.Context) bool { return c.Request().Context().Value(warmKey{}) != nil }
