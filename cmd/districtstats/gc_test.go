package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestDefaultHeapLimit: the soft limit leaves room for both caches twice
// over, so a larger cache never puts the live heap above it.
func TestDefaultHeapLimit(t *testing.T) {
	if got := defaultHeapLimit(64<<20, 32<<20); got != 320<<20 {
		t.Errorf("default caches: %d MiB, want 320", got>>20)
	}
	if got := defaultHeapLimit(-1, -1); got != 128<<20 { // caches off
		t.Errorf("caches off: %d MiB, want 128", got>>20)
	}
	if got := defaultHeapLimit(1<<30, 0); got < 2<<30 {
		t.Errorf("1 GiB response cache: limit %d MiB is below twice the cache", got>>20)
	}
}

// TestSetGC: serve's GC settings apply unless the environment gives its
// own, which the runtime already applied and must keep.
func TestSetGC(t *testing.T) {
	prevPercent, prevLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(prevPercent); debug.SetMemoryLimit(prevLimit) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetGCPercent(100)
	setGC(400, 256<<20)
	if got := debug.SetGCPercent(100); got != 400 {
		t.Errorf("GC percent %d, want 400", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 256<<20 {
		t.Errorf("memory limit %d, want %d", got, 256<<20)
	}

	t.Setenv("GOGC", "50")
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetGCPercent(50)
	debug.SetMemoryLimit(1 << 30)
	setGC(400, 256<<20)
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("with GOGC=50 set: GC percent %d, want 50", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set: memory limit %d, want %d", got, 1<<30)
	}
}

// TestSetProcs: serve gives Go one processor more than its render slots
// (one per CPU by default), unless GOMAXPROCS is set or the slots are off
// or beyond the CPUs.
func TestSetProcs(t *testing.T) {
	t.Cleanup(func() { runtime.GOMAXPROCS(startProcs) })
	t.Setenv("GOMAXPROCS", "")
	for _, c := range []struct{ slots, wantSlots, wantProcs int }{
		{0, startProcs, startProcs + 1},
		{1, 1, startProcs + 1},
		{-1, -1, startProcs},
		{startProcs + 1, startProcs + 1, startProcs},
	} {
		runtime.GOMAXPROCS(startProcs)
		if got := setProcs(c.slots); got != c.wantSlots {
			t.Errorf("slots %d: render slots %d, want %d", c.slots, got, c.wantSlots)
		}
		if got := runtime.GOMAXPROCS(0); got != c.wantProcs {
			t.Errorf("slots %d: GOMAXPROCS %d, want %d", c.slots, got, c.wantProcs)
		}
	}
	t.Setenv("GOMAXPROCS", "1")
	runtime.GOMAXPROCS(startProcs)
	setProcs(0)
	if got := runtime.GOMAXPROCS(0); got != startProcs {
		t.Errorf("with GOMAXPROCS set: %d processors, want %d", got, startProcs)
	}
}
