package dashboard

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestRenderSlots: with one slot, a second render waits for the first and
// gets 503 with Retry-After when the wait is too long; a response that
// streams (flushes, or has sent more than slotBytes) gives its slot back
// while it is still sending; health checks never wait.
func TestRenderSlots(t *testing.T) {
	e := echo.New()
	e.Use(renderSlots(1, 200*time.Millisecond))
	hold, held := make(chan struct{}), make(chan struct{}, 3)
	e.GET("/page", func(c echo.Context) error {
		held <- struct{}{}
		<-hold
		return c.String(http.StatusOK, "page")
	})
	e.GET("/stream", func(c echo.Context) error {
		c.Response().WriteHeader(http.StatusOK)
		c.Response().Write([]byte("first rows"))
		c.Response().Flush()
		held <- struct{}{}
		<-hold
		return nil
	})
	e.GET("/big", func(c echo.Context) error {
		c.Response().Write([]byte(strings.Repeat("x", slotBytes+1)))
		held <- struct{}{}
		<-hold
		return nil
	})
	e.GET("/quick", func(c echo.Context) error { return c.String(http.StatusOK, "quick") })
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })

	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	inBackground := func(path string) chan *httptest.ResponseRecorder {
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() { done <- get(path) }()
		<-held // it runs, holding the slot or past it
		return done
	}

	first := inBackground("/page")
	if rec := get("/quick"); rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("a render while the one slot is taken: %d, Retry-After %q; want 503 after the wait, Retry-After 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := get("/healthz"); rec.Code != http.StatusOK {
		t.Errorf("/healthz while the slot is taken: %d, want 200 at once", rec.Code)
	}
	waiting := make(chan *httptest.ResponseRecorder, 1)
	go func() { waiting <- get("/quick") }()
	time.Sleep(20 * time.Millisecond) // it waits in line
	hold <- struct{}{}
	if rec := <-first; rec.Code != http.StatusOK {
		t.Fatalf("first render: %d", rec.Code)
	}
	if rec := <-waiting; rec.Code != http.StatusOK || rec.Body.String() != "quick" {
		t.Errorf("a render that waited less than the limit: %d %q, want 200 once the slot is free", rec.Code, rec.Body)
	}

	for _, streaming := range []string{"/stream", "/big"} {
		done := inBackground(streaming)
		if rec := get("/quick"); rec.Code != http.StatusOK {
			t.Errorf("a render while %s is still sending: %d, want 200 (the stream gave its slot back)", streaming, rec.Code)
		}
		hold <- struct{}{}
		if rec := <-done; rec.Code != http.StatusOK {
			t.Errorf("%s: %d", streaming, rec.Code)
		}
	}
	if rec := get("/quick"); rec.Code != http.StatusOK {
		t.Errorf("after every request ended: %d, want 200 (each slot given back once)", rec.Code)
	}
}
