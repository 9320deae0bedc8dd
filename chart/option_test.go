package chart

import (
	"encoding/json"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// Points with more than a value stay whole objects; a bare point is its
// value alone, as encoding/json writes that value.
func TestPointJSON(t *testing.T) {
	label := &valueLabel{Show: true, Position: "top", Formatter: "约7.7%", Opacity: 1}
	for _, c := range []struct {
		name string
		p    any
		want string
	}{
		{"exact line point", linePoint{LineData: opts.LineData{Value: 7.66}}, `7.66`},
		{"line gap", linePoint{LineData: opts.LineData{Value: "-"}}, `"-"`},
		{"qualified line point", linePoint{LineData: opts.LineData{Value: 7.7, Symbol: "emptyCircle"}, Label: label},
			`{"value":7.7,"symbol":"emptyCircle","label":{"show":true,"position":"top","formatter":"约7.7%","opacity":1,"color":"","textBorderColor":"","textBorderWidth":0}}`},
		{"exact bar point", barPoint{BarData: opts.BarData{Value: 9501.0}}, `9501`},
		{"coloured bar point", barPoint{BarData: opts.BarData{Value: 9501.0, ItemStyle: &opts.ItemStyle{Color: "#1f5fa8"}}},
			`{"value":9501,"itemStyle":{"color":"#1f5fa8"}}`},
		{"large and small values", []linePoint{{LineData: opts.LineData{Value: 1e21}}, {LineData: opts.LineData{Value: 1e-7}}}, `[1e+21,1e-7]`},
		{"markup in a label", barPoint{BarData: opts.BarData{Value: 1.0}, Label: &valueLabel{Formatter: "</script>"}},
			`{"value":1,"label":{"show":false,"position":"","formatter":"\u003c/script\u003e","opacity":0,"color":"","textBorderColor":"","textBorderWidth":0}}`},
	} {
		b, err := json.Marshal(c.p)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(b) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, b, c.want)
		}
	}
}
