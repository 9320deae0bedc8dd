package queries_test

import (
	"context"
	"encoding/csv"
	"os"
	"reflect"
	"sort"
	"testing"

	"districtstats/queries"
)

// Every alias in data/aliases.csv comes back from the snapshot, under its
// indicator.
func TestAliases(t *testing.T) {
	got, err := queries.Aliases(context.Background(), openDB(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../data/aliases.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, r := range recs[1:] {
		want[r[1]] = append(want[r[1]], r[0])
	}
	for _, m := range []map[string][]string{got, want} {
		for _, v := range m {
			sort.Strings(v)
		}
	}
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("aliases = %v, want %v", got, want)
	}
}
