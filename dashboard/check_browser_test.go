package dashboard

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestBrowserCheck pastes a draft into /check, checks it, and reads the
// page: each figure highlighted with its result's colour class and a text
// label, the results below in text order, and the replace button of the
// figure that differs copying the cited sentence to paste in its place.
func TestBrowserCheck(t *testing.T) {
	base := bundledServer(t)
	ctx, bl := newBrowser(t, base)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: base}); err != nil {
			t.Fatal(err)
		}
	}
	draft := "全区GDP规模达9501亿元，国高企业5500家。\n去年民生九项支出304.87亿元，南山区建区35周年。"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/check"), chromedp.WaitReady("footer"), chromedp.Focus("#check-text")); err != nil {
		t.Fatal(err)
	}
	// Paste: text inserted at once, as a paste or an IME does.
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: draft}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys("#check-date", "03262025"), chromedp.Click(`.check-form button[type="submit"]`),
		chromedp.WaitVisible(".check-marked")); err != nil {
		t.Fatal(err)
	}
	type mark struct{ Text, Verdict, Label, Colour string }
	type shown struct {
		Marks    []mark
		Results  []mark
		Textarea string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[shown](`(() => ({
		Marks: [...document.querySelectorAll('.check-marked .fig')].map(a => ({
			Text: a.querySelector('mark').textContent, Verdict: a.dataset.verdict,
			Label: a.querySelector('.fig-label').textContent,
			Colour: getComputedStyle(a.querySelector('mark')).backgroundColor})),
		Results: [...document.querySelectorAll('.check-result')].map(li => ({
			Text: li.querySelector('.check-figure').textContent, Verdict: li.dataset.verdict,
			Label: li.querySelector('.check-label').textContent, Colour: ''})),
		Textarea: document.querySelector('#check-text').value,
	}))()`))
	if err != nil {
		t.Fatal(err)
	}
	want := []mark{{"9501亿元", "matches", "✓一致", ""}, {"5500家", "differs", "✗不一致", ""}, {"304.87亿元", "matches", "✓一致", ""}, {"35周年", "not_in_data", "–数据中没有", ""}}
	if len(got.Marks) != len(want) || len(got.Results) != len(want) {
		t.Fatalf("marks %+v, results %+v", got.Marks, got.Results)
	}
	colours := map[string]string{}
	for i, w := range want {
		m, r := got.Marks[i], got.Results[i]
		if m.Text != w.Text || m.Verdict != w.Verdict || m.Label != w.Label || r.Text != w.Text || r.Verdict != w.Verdict || r.Label != w.Label {
			t.Errorf("figure %d: mark %+v, result %+v, want %+v", i, m, r, w)
		}
		if c, ok := colours[m.Verdict]; ok && c != m.Colour || m.Colour == "" || m.Colour == "rgba(0, 0, 0, 0)" {
			t.Errorf("figure %d: colour %q", i, m.Colour)
		}
		colours[m.Verdict] = m.Colour
	}
	if len(colours) != 3 || colours["matches"] == colours["differs"] {
		t.Errorf("each result needs its own colour: %v", colours)
	}
	if got.Textarea != draft {
		t.Errorf("the text box lost the draft: %q", got.Textarea)
	}

	// The replace button of the figure that differs copies its sentence.
	const sel = `.check-result[data-verdict="differs"] button[data-copy]`
	if err := chromedp.Do(ctx, chromedp.Click(sel)); err != nil {
		t.Fatal(err)
	}
	var clip string
	for deadline := time.Now().Add(5 * time.Second); clip == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if clip, err = chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
	}
	if w := "截至2025年3月26日，南山区国家高新技术企业超5500家。（来源：蛇口消息报，2025年3月26日）"; clip != w {
		t.Errorf("clipboard = %q, want %q", clip, w)
	}
	for _, p := range bl.take() {
		t.Error(p)
	}
}
