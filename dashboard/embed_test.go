package dashboard

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

// An embed shows the chart with its source line and freshness, no
// navigation, and may be framed only by the configured frame-ancestors.
func TestEmbed(t *testing.T) {
	base := bundledServer(t)
	resp, err := http.Get(base + "/embed/charts/innovation/rd_intensity?lang=en")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'self'") || resp.Header.Get("X-Frame-Options") != "" {
		t.Errorf("embed framing: CSP %q, X-Frame-Options %q", csp, resp.Header.Get("X-Frame-Options"))
	}
	_, _, body := get(t, base+"/embed/charts/innovation/rd_intensity?lang=en")
	for _, want := range []string{`<body class="embed">`, `class="chart-card"`, `data-options="opts-innovation-rd_intensity"`,
		`<figcaption class="chart-source">Source: `, "People&#39;s Daily Online", `data-freshness="published"`, `data-freshness="built"`,
		`href="/topics/innovation?lang=en"`} {
		if !strings.Contains(body, want) {
			t.Errorf("embed lacks %q", want)
		}
	}
	if strings.Contains(body, `<header class="site">`) || strings.Contains(body, "<nav") {
		t.Error("embed shows the site navigation")
	}
	for _, chunk := range strings.Split(body, "<script")[1:] {
		if tag := chunk[:strings.IndexByte(chunk, '>')]; !strings.Contains(tag, "src=") && !strings.Contains(tag, `type="application/json"`) {
			t.Errorf("inline script <script%s>", tag)
		}
	}

	for _, path := range []string{"/embed/charts/innovation/nope", "/embed/charts/nope/gdp"} {
		if status, _, _ := get(t, base+path); status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, status)
		}
	}
}

// The embed snippet is offered only when other sites may frame the embed
// pages (-frame-ancestors names one); the embed page itself always works.
func TestEmbedSnippetOnlyWhenFramingAllowed(t *testing.T) {
	db := uiSnapshot(t, "../data")
	closed, _ := uiServer(t, db)
	open, _ := uiServerConfig(t, db, Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), FrameAncestors: "'self' https://news.example"})
	if _, _, body := get(t, closed.URL+"/topics/economy"); strings.Contains(body, "embed-snippet") || strings.Contains(body, "&lt;iframe") {
		t.Error("a snippet is offered although no other site may frame the page")
	}
	if status, _, _ := get(t, closed.URL+"/embed/charts/economy/gdp"); status != http.StatusOK {
		t.Errorf("embed page: %d", status)
	}
	if _, _, body := get(t, open.URL+"/topics/economy"); !strings.Contains(body, `&lt;iframe src="/embed/charts/economy/gdp"`) {
		t.Error("no snippet although -frame-ancestors allows another site")
	}
}
