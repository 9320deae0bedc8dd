package dashboard

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// htmlWriter writes HTML in Go where a template's reflection cost too much
// on a cold render at 10M (a chart and its table rows, the overview's
// cards, the briefing's figures and checkboxes, a topic's indicator list,
// the site's header and footer), escaping each value as
// html/template escapes it in that place. Each use has a test that holds
// its output byte for byte to the template it replaced.
type htmlWriter struct{ strings.Builder }

// raw writes markup as is.
func (w *htmlWriter) raw(s string) { w.WriteString(s) }

// text writes s as text or as a quoted attribute's value: html/template
// escapes both with one table (textEscaper).
func (w *htmlWriter) text(s string) { textEscaper.WriteString(w, s) }

// url writes s as a link attribute's value (href), as html/template
// escapes one that the action fills whole: its URL filter, its
// normaliser, then its table.
func (w *htmlWriter) url(s string) { textEscaper.WriteString(w, normalizeURL(filterURL(s))) }

// filterURL is html/template's urlFilter: a link whose scheme is not
// http, https or mailto becomes "#ZgotmplZ".
func filterURL(s string) string {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// normalizeURL is html/template's urlNormalizer: every byte a URL may not
// hold as is percent-encoded, valid escapes kept.
func normalizeURL(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// scriptJSON is v as html/template's JSON escaper writes it in a script
// element: encoding/json's output (which escapes <, > and &), with U+2028
// and U+2029 escaped and a space either side when it starts or ends like
// an identifier.
func scriptJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if len(b) == 0 {
		return " null ", nil
	}
	first, _ := utf8.DecodeRune(b)
	last, _ := utf8.DecodeLastRune(b)
	pad := isJSIdentPart(first) || isJSIdentPart(last)
	var buf strings.Builder
	if pad {
		buf.WriteByte(' ')
	}
	written := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		repl := ""
		if r == 0x2028 {
			repl = `\u2028`
		} else if r == 0x2029 {
			repl = `\u2029`
		}
		if repl != "" {
			buf.Write(b[written:i])
			buf.WriteString(repl)
			written = i + n
		}
		i += n
	}
	if buf.Len() != 0 {
		buf.Write(b[written:])
		if pad {
			buf.WriteByte(' ')
		}
		return buf.String(), nil
	}
	return string(b), nil
}

// isJSIdentPart is html/template's: a rune that may continue a JavaScript
// identifier.
func isJSIdentPart(r rune) bool {
	switch {
	case r == '$':
		return true
	case '0' <= r && r <= '9':
		return true
	case 'A' <= r && r <= 'Z':
		return true
	case r == '_':
		return true
	case 'a' <= r && r <= 'z':
		return true
	}
	return false
}
