package dashboard

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"districtstats/ingest"
)

// TestReloadServesNewSnapshotWithoutFailedRequests serves a snapshot, keeps
// requesting pages, re-ingests with a changed value into the same file, and
// expects the new value within seconds and not one failed request.
func TestReloadServesNewSnapshotWithoutFailedRequests(t *testing.T) {
	dir := uiCopyData(t)
	db := uiSnapshot(t, dir)
	srv, store := uiServer(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go store.Watch(ctx, 50*time.Millisecond)

	var requests, failures atomic.Int64
	var firstFailure atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Get(srv.URL + "/indicators/gdp")
				requests.Add(1)
				if err != nil || resp.StatusCode != 200 {
					failures.Add(1)
					if err == nil {
						firstFailure.CompareAndSwap(nil, resp.Status)
					} else {
						firstFailure.CompareAndSwap(nil, err.Error())
					}
				}
				if resp != nil {
					resp.Body.Close()
				}
			}
		}()
	}

	time.Sleep(300 * time.Millisecond)
	editCSV(t, filepath.Join(dir, "observations.csv"), func(r []string) {
		if r[0] == "gdp" && r[1] == "nanshan" && r[2] == "2024" {
			r[3] = "9502"
		}
	})
	if _, err := ingest.Build(ctx, dir, db); err != nil {
		t.Fatal(err)
	}

	deadline := time.Now().Add(10 * time.Second)
	for {
		_, _, body := get(t, srv.URL+"/indicators/gdp")
		if strings.Contains(body, "9,502 亿元") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the new value did not appear within 10 s of the re-ingest")
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // requests that straddle the swap
	close(stop)
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d of %d requests failed during the swap; first: %v", n, requests.Load(), firstFailure.Load())
	}
	if requests.Load() < 10 {
		t.Fatalf("only %d requests made: the test did not exercise the swap", requests.Load())
	}
	_, _, body := get(t, srv.URL+"/indicators/gdp")
	if strings.Contains(body, ">9,501 亿元") {
		t.Error("old value still served after the swap")
	}
}
