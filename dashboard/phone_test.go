package dashboard

import (
	"strings"
	"testing"

	"districtstats/internal/testkit"
)

// TestPhoneLayout opens every page of both districts, in both languages,
// on an emulated 390 px phone and measures it (testkit.PhoneProblems): no
// page wider than the screen, wide tables scroll in their own box, and no
// name, date, figure or label breaks inside a Chinese word or one
// character per line.
func TestPhoneLayout(t *testing.T) {
	for _, d := range districts {
		t.Run(d.name, func(t *testing.T) {
			srv, _ := uiServer(t, uiSnapshot(t, d.dir))
			ctx := testkit.Browser(t)
			for _, p := range d.pages() {
				for _, path := range []string{p.path, withLang(p.path)} {
					ps, err := testkit.PhoneProblems(ctx, srv.URL+path)
					if err != nil {
						t.Fatal(err)
					}
					for _, problem := range ps {
						t.Errorf("%s: %s", path, problem)
					}
				}
			}
		})
	}
}

// withLang is a path in English (or itself when it already says lang=).
func withLang(path string) string {
	switch {
	case strings.Contains(path, "lang="):
		return path
	case strings.Contains(path, "?"):
		return path + "&lang=en"
	}
	return path + "?lang=en"
}
