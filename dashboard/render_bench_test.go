package dashboard

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// BenchmarkUncachedRender renders data pages through the whole server with
// the response cache off, each request with its own from= so nothing is
// reused: the cost of a first render, to profile with
//
//	go test ./dashboard -run XXX -bench UncachedRender -cpuprofile /tmp/cpu.out
//	go tool pprof -top -cum dashboard.test /tmp/cpu.out
//
// BENCH_SNAPSHOT=/tmp/lt10m/snap.duckdb runs it on a snapshot built
// beforehand (the 10M set of tools/loadtest), BENCH_PAGES=/a,/b on other pages,
// BENCH_COLD=1 with the query cache off as well, BENCH_CONNS=8 with that
// many requests at a time.
func BenchmarkUncachedRender(b *testing.B) {
	db := os.Getenv("BENCH_SNAPSHOT")
	if db == "" {
		db = uiSnapshot(b, uiCopyData(b))
	}
	pages := []string{"/", "/topics/economy", "/indicators/gdp", "/indicators/gdp.csv", "/api/v1/observations?indicators=gdp&regions=nanshan"}
	if p := os.Getenv("BENCH_PAGES"); p != "" {
		pages = strings.Split(p, ",")
	}
	srv, store := uiServerConfig(b, db, Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), CacheBytes: -1})
	if os.Getenv("BENCH_COLD") != "" {
		store.SetQueryCacheBytes(-1) // every request runs its query
	}
	for _, page := range pages {
		b.Run(page, func(b *testing.B) {
			sep := "?"
			if strings.Contains(page, "?") {
				sep = "&"
			}
			var n atomic.Int64
			get := func() error {
				i := n.Add(1)
				req, _ := http.NewRequest("GET", fmt.Sprintf("%s%s%sfrom=%d", srv.URL, page, sep, 1900+i%100), nil)
				req.Header.Set("Accept-Encoding", "gzip")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return err
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					return fmt.Errorf("%s: %d", req.URL, resp.StatusCode)
				}
				return nil
			}
			if conns, _ := strconv.Atoi(os.Getenv("BENCH_CONNS")); conns > 0 {
				// conns requests at a time, as loadtest's uncached run
				// sends 8: the profile then shows what they contend for.
				b.SetParallelism((conns + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if err := get(); err != nil {
							b.Error(err)
							return
						}
					}
				})
				return
			}
			for b.Loop() {
				if err := get(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
