package press

import (
	"testing"

	"districtstats/queries"
)

func TestMeasure(t *testing.T) {
	src := Cite{ID: "seed", Publisher: "蛇口消息报 (深圳市南山区人民政府网站)", PublisherEn: "Shekou News (Nanshan District People's Government website)", Published: "2025-03-26"}
	m := func(zh, en, amount, uzh, uen, q string) queries.PolicyMeasure {
		return queries.PolicyMeasure{MeasureZh: zh, MeasureEn: en, Amount: amount, UnitZh: uzh, UnitEn: uen, Qualifier: q, Source: "seed"}
	}
	tests := []struct {
		m      queries.PolicyMeasure
		zh, en string
	}{
		{m("重点产业初创企业人才奖励", "Reward per talent in key-industry start-ups", "60", "万元/人", "10 thousand yuan per person", "at_most"),
			"重点产业初创企业人才奖励最高60万元/人。（来源：蛇口消息报，2025年3月26日）",
			"Reward per talent in key-industry start-ups: up to 600,000 yuan per person (Shekou News, 26 March 2025)."},
		{m("揭榜方资助", "Scenario challenge grant (solver)", "500", "万元", "10 thousand yuan", "at_most"),
			"揭榜方资助最高500万元。（来源：蛇口消息报，2025年3月26日）",
			"Scenario challenge grant (solver): up to 5 million yuan (Shekou News, 26 March 2025)."},
		{m("政策性产业研发用房", "Policy R&D space", "100", "万平方米", "10 thousand m²", "nearly"),
			"政策性产业研发用房近100万平方米。（来源：蛇口消息报，2025年3月26日）",
			"Policy R&D space: nearly 1 million m² (Shekou News, 26 March 2025)."},
		{m("低成本办公空间", "Low-cost office space", "10", "万平方米", "10 thousand m²", "exact"),
			"低成本办公空间10万平方米。（来源：蛇口消息报，2025年3月26日）",
			"Low-cost office space: 100,000 m² (Shekou News, 26 March 2025)."},
		{m("体验券", "Voucher", "520", "元/人", "yuan per person", "exact"),
			"体验券520元/人。（来源：蛇口消息报，2025年3月26日）", "Voucher: 520 yuan per person (Shekou News, 26 March 2025)."},
		{m("租金比例", "Rent as a share of market rent", "30-70", "%", "%", "range"),
			"租金比例30-70%。（来源：蛇口消息报，2025年3月26日）", "Rent as a share of market rent: 30% to 70% (Shekou News, 26 March 2025)."},
	}
	for _, tt := range tests {
		p, ok := Measure(tt.m, src)
		if !ok {
			t.Errorf("%s: no sentence", tt.m.MeasureEn)
			continue
		}
		if got := p.Zh.Text(); got != tt.zh {
			t.Errorf("zh\n got %s\nwant %s", got, tt.zh)
		}
		if got := p.En.Text(); got != tt.en {
			t.Errorf("en\n got %s\nwant %s", got, tt.en)
		}
	}
	if _, ok := Measure(m("一条龙服务", "One-stop services", "", "", "", ""), src); ok {
		t.Error("a measure without an amount got a sentence")
	}
}
