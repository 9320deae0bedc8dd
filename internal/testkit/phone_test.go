package testkit

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Pages built to fail each phone check, and one that passes them all: the
// measurement must be able to fail.
var phonePages = map[string]string{
	"/good": `<table><tr><th>地区</th><td style="white-space:nowrap">南山区地区生产总值</td></tr></table>
<div style="overflow-x:auto"><table style="width:900px"><tr><td>wide but scrolls in its box</td></tr></table></div>
<table><tr><td style="width:120px">2023年南山区实现GDP8566亿元，位居全省区县第一、全国第二，这是一段可以换行的长引文</td></tr></table>
<p>一段很长的中文说明文字可以在任何两个汉字之间换行，这在中文排版中是正常的，所以段落不受检查。</p>`,
	"/wide-page":    `<div style="width:600px">wide</div>`,
	"/wide-table":   `<table style="width:800px"><caption>各区比较</caption><tr><td>x</td></tr></table>`,
	"/cell-wraps":   `<table><tr><td style="width:40px;display:block">南山区地区生产总值</td></tr></table>`,
	"/one-per-line": `<h3 style="width:14px">超五千</h3>`,
	"/in-details":   `<details><summary>表格</summary><table style="width:700px"><tr><td>x</td></tr></table></details>`,
}

func TestPhoneProblems(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := phonePages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="zh"><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="margin:0">` + body + `</body></html>`))
	}))
	defer srv.Close()
	ctx := Browser(t)
	want := map[string][]string{
		"/good":         nil,
		"/wide-page":    {"page is 600 px wide on a 390 px screen"},
		"/wide-table":   {"page is 800 px wide on a 390 px screen", `table "各区比较" is 800 px wide and does not scroll inside its own box`},
		"/cell-wraps":   {`td "南山区地区生产总值" wraps inside a Chinese word (山|区)`},
		"/one-per-line": {`h3 "超五千" breaks one character per line`},
	}
	for path, w := range want {
		got, err := PhoneProblems(ctx, srv.URL+path)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(w) {
			t.Errorf("%s: %q, want %q", path, got, w)
			continue
		}
		for i := range w {
			if !strings.HasPrefix(got[i], w[i]) {
				t.Errorf("%s: problem %d = %q, want %q…", path, i, got[i], w[i])
			}
		}
	}
}
