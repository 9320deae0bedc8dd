package queries

import (
	"strings"
	"testing"
)

// TestHashedTextRefusesSharedHash: two texts of one column with one hash
// would give figures the wrong id; the context refuses them. (DuckDB's
// 64-bit hash cannot be made to collide on demand, so the hashes here are
// forged.)
func TestHashedTextRefusesSharedHash(t *testing.T) {
	m := map[uint64]string{}
	same := func(s string) string { return s }
	if err := hashedText(m, "region", 7, "nanshan", "nanshan", same); err != nil {
		t.Fatal(err)
	}
	if err := hashedText(m, "region", 7, "nanshan", "nanshan", same); err != nil {
		t.Errorf("the same text twice: %v", err)
	}
	err := hashedText(m, "region", 7, "futian", "futian", same)
	if err == nil || !strings.Contains(err.Error(), `region "nanshan" and "futian" share a 64-bit hash`) {
		t.Errorf("a shared hash: got %v", err)
	}
	if m[7] != "nanshan" {
		t.Errorf("the first text was replaced: %q", m[7])
	}
}
