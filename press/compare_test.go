package press

import (
	"testing"

	"districtstats/queries"
)

func chinaRD(v float64, status, src, published string) queries.Observation {
	return queries.Observation{Indicator: "rd_intensity", Region: "china", Period: "2024", Freq: "A", Value: v, Qualifier: "exact",
		Status: status, Source: src, SourcePublisher: "People's Daily Online (Xinhua)", SourcePublished: published}
}

func TestDescribeRatio(t *testing.T) {
	tests := []struct {
		a, b float64
		want Ratio
	}{
		{7.66, 2.68, Ratio{"nearly", 3}}, // 2.86: the brief's example
		{3.05, 1, Ratio{"about", 3}},
		{2.95, 1, Ratio{"about", 3}},
		{2.6, 1, Ratio{"more_than", 2}},
		{3.3, 1, Ratio{"more_than", 3}},
		{1.8, 1, Ratio{"nearly", 2}},
		{1.74, 1, Ratio{Kind: "higher"}},
		{1, 1, Ratio{Kind: "same"}},
		{0.5, 1, Ratio{Kind: "lower"}},
		{11.2, 1, Ratio{"about", 11}},
		{11.5, 1, Ratio{"more_than", 11}},
	}
	for _, tt := range tests {
		if got := DescribeRatio(tt.a, tt.b); got != tt.want {
			t.Errorf("DescribeRatio(%v, %v) = %+v, want %+v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	a := Figure{Obs: obs(rd, "2024", "A", 7.66, "exact", "unknown"), Indicator: rd, Region: nanshan}
	b := Figure{Obs: chinaRD(2.68, "preliminary", "people_2025_01_23", "2025-01-23"), Indicator: rd, Region: china}
	p, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	wantZh := "2024年，南山区全社会研发投入占GDP比重7.66%，接近2025年1月23日公布的全国初步核算数2.68%的3倍。" +
		"（来源：蛇口消息报，2025年3月26日；People's Daily Online，2025年1月23日）"
	wantEn := "Nanshan's R&D expenditure as a share of GDP was 7.66% in 2024, nearly three times the preliminary national figure of 2.68%, " +
		"published on 23 January 2025 (Shekou News, 26 March 2025; People's Daily Online, 23 January 2025)."
	if got := p.Zh.Text(); got != wantZh {
		t.Errorf("zh\n got %s\nwant %s", got, wantZh)
	}
	if got := p.En.Text(); got != wantEn {
		t.Errorf("en\n got %s\nwant %s", got, wantEn)
	}
	if len(p.Sources) != 2 || p.Sources[1].ID != "people_2025_01_23" {
		t.Errorf("sources = %+v", p.Sources)
	}

	// Against a city, a month-only date, a different period.
	c := Figure{Obs: queries.Observation{Indicator: "rd_intensity", Region: "shenzhen", Period: "2023", Freq: "A", Value: 6.46, Qualifier: "exact",
		Status: "final", Source: "x", SourcePublisher: "东莞阳光网 (source 广州日报新花城)", SourcePublisherEn: "Dongguan Sunshine Net (from Guangzhou Daily)", SourcePublished: "2025-02"},
		Indicator: rd, Region: shenzhen}
	p, err = Compare(a, c)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.En.Body, "Nanshan's R&D expenditure as a share of GDP was 7.66% in 2024, higher than Shenzhen's final figure for 2023 of 6.46%, published in February 2025."; got != want {
		t.Errorf("en\n got %s\nwant %s", got, want)
	}
	if got, want := p.Zh.Body, "2024年，南山区全社会研发投入占GDP比重7.66%，高于2025年2月公布的深圳市2023年最终核实数6.46%。"; got != want {
		t.Errorf("zh\n got %s\nwant %s", got, want)
	}

	// Different units, targets and zero are refused.
	if _, err := Compare(a, Figure{Obs: obs(gdp, "2024", "A", 9501, "exact", "unknown"), Indicator: gdp, Region: nanshan}); err == nil {
		t.Error("compared a percentage with an amount")
	}
	if _, err := Compare(Figure{Obs: obs(robotics, "2028-2030", "R", 100, "at_least", "target"), Indicator: robotics, Region: nanshan},
		Figure{Obs: obs(robotics, "2024", "A", 50, "exact", "unknown"), Indicator: robotics, Region: nanshan}); err == nil {
		t.Error("compared a target")
	}
	zero := b
	zero.Obs.Value = 0
	if _, err := Compare(a, zero); err == nil {
		t.Error("compared with zero")
	}
}

// The district's figure was published on 2025-03-26: it can only have been
// compared with the preliminary 2.68 (2025-01-23), not the final 2.69
// published later (2025-09-30).
func TestCounterpart(t *testing.T) {
	a := obs(rd, "2024", "A", 7.66, "exact", "unknown")
	cands := []queries.Observation{
		chinaRD(2.68, "preliminary", "people_2025_01_23", "2025-01-23"),
		chinaRD(2.69, "final", "people_2025_09_30", "2025-09-30"),
		chinaRD(2.7, "final", "undated", ""),
		{Indicator: "rd_intensity", Region: "china", Period: "2023", Value: 2.64, Status: "preliminary", SourcePublished: "2024-03-07"},
	}
	got, ok := Counterpart(a, "china", cands)
	if !ok || got.Value != 2.68 || got.Source != "people_2025_01_23" {
		t.Fatalf("Counterpart = %+v, %v; want the 2.68 preliminary vintage", got, ok)
	}
	later := a
	later.SourcePublished = "2025-10-01"
	if got, _ := Counterpart(later, "china", cands); got.Value != 2.69 {
		t.Errorf("published after both: got %v, want the final 2.69", got.Value)
	}
	early := a
	early.SourcePublished = "2025-01-01"
	if _, ok := Counterpart(early, "china", cands); ok {
		t.Error("found a counterpart published after the figure")
	}
	if !publishedBy("2025-02", "2025-03-26") || publishedBy("2025-12", "2025-03-26") || !publishedBy("2024", "2025-01-01") {
		t.Error("publishedBy mishandles partial dates")
	}
}
