package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// result is what one load run measured.
type result struct {
	Requests  int
	Non2xx    int
	Errors    int // socket and protocol errors
	Elapsed   time.Duration
	Latencies []time.Duration // sorted
	Bytes     int64           // body bytes received, as sent (gzip)
	FirstErr  string
}

func (r result) RPS() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

func (r result) Pct(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.Latencies)-1) * p)
	return r.Latencies[i]
}

// newClient is one keep-alive HTTP/1.1 client for conns connections, over
// loopback, that sends Accept-Encoding: gzip as browsers do and does not
// decode (the bytes on the wire are what is measured, as with wrk).
func newClient(conns int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			MaxConnsPerHost:     conns,
			DisableCompression:  true,
			IdleConnTimeout:     time.Minute,
		},
		Timeout: 30 * time.Second,
	}
}

// load runs conns workers for dur (or until each has made perConn
// requests, when perConn > 0), each requesting next(i) in a loop, i
// counting requests across workers.
func load(ctx context.Context, client *http.Client, conns int, dur time.Duration, perConn int, next func(i int64) string) result {
	var (
		counter atomic.Int64
		mu      sync.Mutex
		res     result
		wg      sync.WaitGroup
	)
	deadline := time.Now().Add(dur)
	start := time.Now()
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var n, non2xx, errs int
			var bytes int64
			var firstErr string
			for k := 0; (perConn <= 0 || k < perConn) && time.Now().Before(deadline) && ctx.Err() == nil; k++ {
				url := next(counter.Add(1) - 1)
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					var b int64
					b, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					bytes += b
					if err == nil && (resp.StatusCode < 200 || resp.StatusCode > 299) {
						non2xx++
						if firstErr == "" {
							firstErr = fmt.Sprintf("%s: %s", url, resp.Status)
						}
					}
				}
				if err != nil {
					if ctx.Err() != nil {
						break
					}
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
					continue
				}
				lat = append(lat, time.Since(t0))
				n++
			}
			mu.Lock()
			res.Requests += n
			res.Non2xx += non2xx
			res.Errors += errs
			res.Bytes += bytes
			res.Latencies = append(res.Latencies, lat...)
			if res.FirstErr == "" {
				res.FirstErr = firstErr
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	slices.Sort(res.Latencies)
	return res
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func kb(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}
