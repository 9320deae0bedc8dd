package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"districtstats/internal/testkit"
)

func bundledSnapshot(t *testing.T) string {
	t.Helper()
	return testkit.Snapshot(t, "../../data")
}

func TestCheckText(t *testing.T) {
	db := bundledSnapshot(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("全区GDP规模达9501亿元，国高企业超5500家。"), 0o644)
	out, err := runCmd(t, "check-text", "-db", db, "-date", "2025-03-26", good)
	if err != nil {
		t.Fatalf("no figure differs, yet: %v\n%s", err, out)
	}
	if !strings.Contains(out, "[一致] 9501亿元（第1行）") || !strings.Contains(out, "共2个数字：2个一致") {
		t.Errorf("text report:\n%s", out)
	}

	// A dropped 超, from standard input, as JSON: exit status 1.
	stdin = strings.NewReader("Nanshan has 5,500 national high-tech enterprises.")
	defer func() { stdin = os.Stdin }()
	out, err = runCmd(t, "check-text", "-db", db, "-lang", "en", "-format", "json", "-")
	if !errors.Is(err, errReported) {
		t.Fatalf("a differing figure must fail the command (exit 1), got %v", err)
	}
	var rep struct {
		Results []struct {
			Text, Verdict, Sentence string
			Findings                []struct{ Kind string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, out)
	}
	if len(rep.Results) != 1 || rep.Results[0].Verdict != "differs" || rep.Results[0].Findings[0].Kind != "qualifier" ||
		!strings.Contains(rep.Results[0].Sentence, "more than 5,500") {
		t.Errorf("json report: %s", out)
	}

	// Too long: a clear error, nothing checked.
	long := filepath.Join(dir, "long.txt")
	os.WriteFile(long, []byte(strings.Repeat("南山", 10001)), 0o644)
	if _, err := runCmd(t, "check-text", "-db", db, long); err == nil || !strings.Contains(err.Error(), "at most 20000") {
		t.Errorf("an over-long text gives %v", err)
	}
	if _, err := runCmd(t, "check-text", "-db", db, "-lang", "fr", good); !errors.Is(err, errUsage) {
		t.Errorf("-lang fr gives %v", err)
	}
}
