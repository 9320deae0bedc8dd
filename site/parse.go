package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Parse reads a definition. It reports, with the line of each, YAML that
// does not parse, keys the format does not have (a typo must not be
// silently ignored), keys given twice and values of the wrong shape. It
// does not look at the data: Validate does.
func Parse(src []byte) (*Definition, []Problem) {
	if !utf8.Valid(src) {
		return nil, []Problem{{Msg: "text is not valid UTF-8; save the file as UTF-8"}}
	}
	if ps := tabIndents(src); len(ps) > 0 {
		return nil, ps
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, []Problem{yamlProblem(err)}
	}
	if len(doc.Content) == 0 {
		return nil, []Problem{{Msg: "file is empty"}}
	}
	if top := doc.Content[0]; top.Kind != yaml.MappingNode {
		return nil, []Problem{{Line: top.Line, Msg: "must be a mapping: one \"key: value\" per line (site:, groups:, topics:)"}}
	}
	d := &Definition{}
	dec := decoder{}
	dec.value(doc.Content[0], reflect.ValueOf(d).Elem(), "")
	sort.SliceStable(dec.ps, func(i, j int) bool { return dec.ps[i].Line < dec.ps[j].Line })
	return d, dec.ps
}

// tabIndents finds lines indented with a tab, which YAML forbids and the
// YAML library reports on a neighbouring line.
func tabIndents(src []byte) []Problem {
	var ps []Problem
	for i, line := range strings.Split(string(src), "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if strings.Contains(indent, "\t") {
			ps = append(ps, Problem{Line: i + 1, Msg: "indented with a tab: indent with spaces"})
		}
	}
	return ps
}

var reYAMLLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlProblem turns the YAML library's error into file:line form.
func yamlProblem(err error) Problem {
	msg := err.Error()
	if m := reYAMLLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Problem{Line: line, Msg: "not valid YAML: " + m[2]}
	}
	return Problem{Msg: "not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// decoder fills the definition's types from YAML nodes by their yaml
// tags, strictly: only strings, lists of strings, mappings and lists of
// mappings exist in the format.
type decoder struct{ ps []Problem }

func (d *decoder) add(line int, path, format string, args ...any) {
	d.ps = append(d.ps, Problem{Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		d.add(n.Line, path, "aliases (*name) are not used in this file: write the value out")
		return
	}
	switch v.Kind() {
	case reflect.String:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.ScalarNode {
			d.add(n.Line, path, "must be a single value, not a list or mapping")
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		switch {
		case isNull(n):
		case n.Kind == yaml.ScalarNode && (n.Value == "true" || n.Value == "false"):
			v.SetBool(n.Value == "true")
		default:
			d.add(n.Line, path, "must be true or false")
		}
	case reflect.Struct:
		d.mapping(n, v, path)
	case reflect.Slice:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.add(n.Line, path, "must be a list: [a, b] or one \"- item\" per line")
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.value(item, s.Index(i), fmt.Sprintf("%s[%s]", path, itemName(item, i)))
		}
		v.Set(s)
	}
}

// itemName names a list item in key paths by its id when it has one.
func itemName(n *yaml.Node, i int) string {
	if n.Kind == yaml.MappingNode {
		for k := 0; k+1 < len(n.Content); k += 2 {
			if n.Content[k].Value == "id" && n.Content[k+1].Kind == yaml.ScalarNode && n.Content[k+1].Value != "" {
				return n.Content[k+1].Value
			}
		}
	}
	return strconv.Itoa(i)
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	pos := Pos{Line: n.Line, Keys: map[string]int{}}
	defer func() { v.FieldByName("Pos").Set(reflect.ValueOf(pos)) }()
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.add(n.Line, path, "must be a mapping: one \"key: value\" per line")
		return
	}
	t := v.Type()
	fields := map[string]int{}
	var allowed []string
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "-" {
			fields[tag] = i
			allowed = append(allowed, tag)
		}
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		key, val := n.Content[k], n.Content[k+1]
		keyPath := key.Value
		if path != "" {
			keyPath = path + "." + key.Value
		}
		i, ok := fields[key.Value]
		if !ok {
			d.add(key.Line, keyPath, "unknown key (allowed here: %s)", strings.Join(allowed, ", "))
			continue
		}
		if first, dup := pos.Keys[key.Value]; dup {
			d.add(key.Line, keyPath, "given twice (first on line %d)", first)
			continue
		}
		pos.Keys[key.Value] = val.Line
		if val.Kind == yaml.SequenceNode {
			for j, item := range val.Content {
				pos.Keys[fmt.Sprintf("%s[%d]", key.Value, j)] = item.Line
			}
		}
		d.value(val, v.Field(i), keyPath)
	}
}

// CanonicalJSON is the form the snapshot stores: defaults filled in, keys
// in a fixed order, no positions.
func (d *Definition) CanonicalJSON() ([]byte, error) {
	c := *d
	c.Site.TimeZone = d.TimeZoneName()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// FromJSON reads a definition stored by CanonicalJSON.
func FromJSON(b []byte) (*Definition, error) {
	var d Definition
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("stored dashboard definition: %w", err)
	}
	return &d, nil
}

// Check parses and validates a definition: every problem of both, in line
// order. The definition is nil when the YAML itself does not parse.
func Check(src []byte, cat Catalog) (*Definition, []Problem) {
	d, ps := Parse(src)
	if d == nil {
		return nil, ps
	}
	ps = append(ps, d.Validate(cat)...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return d, ps
}
