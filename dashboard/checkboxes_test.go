package dashboard

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// TestCheckboxesMatchTemplate: a form's checkboxes written in Go are byte
// for byte what html/template wrote from the range they replace, for each
// list of the briefing's form, whatever the ids and names hold.
func TestCheckboxesMatchTemplate(t *testing.T) {
	cs := []briefingChoice{
		{ID: "gdp", Name: "地区生产总值", Checked: true},
		{ID: `a"b<c>'&+`, Name: hostile},
		{ID: "nanshan", Name: "Nanshan", Checked: true},
	}
	for _, name := range []string{"topics", "indicators", "region"} {
		ref := template.Must(template.New("ref").Parse(fmt.Sprintf(
			`{{range .}}<label><input type="checkbox" name="%s" value="{{.ID}}"{{if .Checked}} checked{{end}}> {{.Name}}</label>
    {{end}}`, name)))
		for _, list := range [][]briefingChoice{cs, nil} {
			sameAsTemplate(t, "checkboxes "+name, ref, "", list, string(checkboxes(name, list)))
		}
	}
	got := string(checkboxes("indicators", cs))
	for _, s := range []string{"&lt;script&gt;", `value="a&#34;b&lt;c&gt;&#39;&amp;&#43;"`, `value="gdp" checked>`} {
		if !strings.Contains(got, s) {
			t.Errorf("no %q in %q", s, got)
		}
	}
}
