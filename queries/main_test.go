package queries_test

import (
	"os"
	"testing"

	"districtstats/queries"
)

func mkdirTemp() (string, error) { return os.MkdirTemp("", "queries-test-") }

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	queries.RemoveBundledSnapshot()
	os.Exit(code)
}
