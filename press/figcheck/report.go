package figcheck

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"districtstats/figure"
)

// WriteText writes a report for people, one figure per block, in text order:
//
//	[不一致] 5500家 (line 3)
//	  漏了限定词：原文是超5500家，不是确数（应写“超”）。
//	  改为：截至2025年3月26日，南山区国家高新技术企业超5500家。（来源：蛇口消息报，2025年3月26日）
//	  /indicators/hightech_enterprises
func WriteText(w io.Writer, text string, rep *Report) error {
	l := figure.Lang(rep.Lang)
	en := l == figure.En
	var b strings.Builder
	for _, r := range rep.Results {
		line := strings.Count(text[:r.Start], "\n") + 1
		if en {
			fmt.Fprintf(&b, "[%s] %s (line %d)\n", r.Label, r.Text, line)
		} else {
			fmt.Fprintf(&b, "[%s] %s（第%d行）\n", r.Label, r.Text, line)
		}
		fmt.Fprintf(&b, "  %s\n", r.Message)
		if r.Arithmetic != "" {
			fmt.Fprintf(&b, "  %s\n", r.Arithmetic)
		}
		for _, c := range r.Candidates {
			fmt.Fprintf(&b, "  - %s %s %s %s\n", c.Name, c.Region, c.Period, c.Value)
		}
		if r.Sentence != "" {
			if en {
				fmt.Fprintf(&b, "  Paste instead: %s\n", r.Sentence)
			} else {
				fmt.Fprintf(&b, "  可改为：%s\n", r.Sentence)
			}
		}
		if r.Link != "" {
			fmt.Fprintf(&b, "  %s\n", r.Link)
		}
	}
	if en {
		fmt.Fprintf(&b, "%d figures: %d match, %d differ, %d ambiguous, %d not in the data.\n", len(rep.Results),
			rep.Counts[Matches], rep.Counts[Differs], rep.Counts[Ambiguous], rep.Counts[NotInData])
	} else {
		fmt.Fprintf(&b, "共%d个数字：%d个一致，%d个不一致，%d个有歧义，%d个数据中没有。\n", len(rep.Results),
			rep.Counts[Matches], rep.Counts[Differs], rep.Counts[Ambiguous], rep.Counts[NotInData])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes a report as the API answers it.
func WriteJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
