package dashboard

import (
	"html/template"
	"strings"
	"testing"
)

// hostile holds what html/template escapes in every place: markup, quotes,
// +, %, NUL, invalid UTF-8, U+2028 and CJK. The tests of HTML written in Go
// put it in every value.
const hostile = "<script>alert(\"x\")</script> & it's +5% nul\x00 bad\xff \u2028 南山"

// sameAsTemplate fails t unless got is byte for byte what ref writes from
// data: its template name, or ref itself when name is "". what names the
// case in the message.
func sameAsTemplate(t *testing.T, what string, ref *template.Template, name string, data any, got string) {
	t.Helper()
	var want strings.Builder
	var err error
	if name == "" {
		err = ref.Execute(&want, data)
	} else {
		err = ref.ExecuteTemplate(&want, name, data)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got != want.String() {
		t.Errorf("%s:\nwritten in Go:\n%q\nhtml/template:\n%q", what, got, want.String())
	}
}
