package ingest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// deadPID returns the id of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestBuildRemovesTempFilesOfKilledBuilds fakes what killed builds leave
// beside the snapshot, with files that only look alike, and expects the next
// build to remove exactly the leftovers.
func TestBuildRemovesTempFilesOfKilledBuilds(t *testing.T) {
	data := writeData(t, nil)
	out := t.TempDir()
	db := filepath.Join(out, "snap.duckdb")
	dead := deadPID(t)
	old := time.Now().Add(-2 * time.Hour)
	files := map[string]bool{ // name -> should survive
		fmt.Sprintf("snap.duckdb.tmp-%d-0123456789ab", dead):        false, // killed build
		fmt.Sprintf("snap.duckdb.tmp-%d-0123456789ab.wal", dead):    false,
		"snap.duckdb.tmp-a1b2c3d4e5f6":                              false, // older naming, 2 hours old
		"snap.duckdb.tmp-a1b2c3d4e5f6.wal":                          false,
		fmt.Sprintf("snap.duckdb.tmp-%d-fedcba987654", os.Getpid()): true, // a build running now (this process)
		"snap.duckdb.tmp-0a0b0c0d0e0f":                              true, // older naming, fresh: maybe running
		fmt.Sprintf("other.duckdb.tmp-%d-0123456789ab", dead):       true, // another target's
		fmt.Sprintf("snap.duckdb.tmp-%d-notourshex12", dead):        true, // not our naming
		fmt.Sprintf("snap.duckdb.tmp-%d-0123456789ab.bak", dead):    true,
		"snap.duckdb.tmp-": true,
		"notes.txt":        true,
	}
	for name := range files {
		p := filepath.Join(out, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	fresh := filepath.Join(out, "snap.duckdb.tmp-0a0b0c0d0e0f")
	os.Chtimes(fresh, time.Now(), time.Now())

	if _, err := Build(context.Background(), data, db); err != nil {
		t.Fatal(err)
	}
	got := listDir(t, out)
	want := []string{"snap.duckdb"}
	for name, keep := range files {
		if keep {
			want = append(want, name)
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("after the build the directory holds\n%q\nwant\n%q", got, want)
	}
}

// TestBuildAfterKill9 kills a real build (a child process) while it writes
// its temporary snapshot, then expects the next build to leave the snapshot
// alone beside nothing.
func TestBuildAfterKill9(t *testing.T) {
	if dir := os.Getenv("INGEST_KILL_CHILD_DATA"); dir != "" {
		// The child: build until killed.
		Build(context.Background(), dir, os.Getenv("INGEST_KILL_CHILD_DB"))
		return
	}
	if testing.Short() {
		t.Skip("generates 300,000 observations")
	}
	data := t.TempDir()
	writeBenchData(t, data, 300_000)
	out := t.TempDir()
	db := filepath.Join(out, "snap.duckdb")

	cmd := exec.Command(os.Args[0], "-test.run", "^TestBuildAfterKill9$")
	cmd.Env = append(os.Environ(), "INGEST_KILL_CHILD_DATA="+data, "INGEST_KILL_CHILD_DB="+db)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	var left []string
	for time.Now().Before(deadline) {
		left = listDir(t, out)
		if slices.ContainsFunc(left, func(n string) bool { return strings.Contains(n, ".tmp-") }) {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // into the load
	cmd.Process.Kill()                // SIGKILL: no deferred cleanup runs
	cmd.Wait()
	left = listDir(t, out)
	if slices.Contains(left, "snap.duckdb") || !slices.ContainsFunc(left, func(n string) bool { return strings.Contains(n, ".tmp-") }) {
		t.Skipf("the child was not killed mid-build (left %q); nothing to test", left)
	}
	t.Logf("the killed build left %q", left)

	if _, err := Build(context.Background(), writeData(t, nil), db); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, out); !slices.Equal(got, []string{"snap.duckdb"}) {
		t.Errorf("after the next build the directory holds %q, want the snapshot alone", got)
	}
}
