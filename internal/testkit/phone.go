package testkit

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
)

// ShortCell is the longest table-cell text (in characters) held to be one
// word: names, dates and figures with their qualifier and unit.
const ShortCell = 24

// PhoneWidth is the phone the layout is held to (CSS pixels): an iPhone 12-15.
const PhoneWidth = 390

// PhoneProblems opens url on an emulated phone (390 × 844, mobile, touch,
// device scale 3) and measures the laid-out page: a page wider than the
// screen; a table wider than the screen that does not scroll inside its
// own box; a short table cell (a name, a date, a figure) whose text wraps
// inside a Chinese word (a line break between two characters at least one
// of which is Chinese); and any
// name, date, value or label that breaks one character per line. Every
// <details> is opened first: what a reader can open must fit too.
func PhoneProblems(ctx context.Context, url string) ([]string, error) {
	var problems []string
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(PhoneWidth, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait),
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
	)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	problems, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(measurePhone, PhoneWidth, ShortCell)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	return problems, nil
}

// measurePhone runs in the page. Line breaks are found by the top of each
// character's box (a Range per character), which is how the text is
// really laid out, fonts and CSS included.
const measurePhone = `(() => {
  // The screen's width, not innerWidth: a mobile browser widens its layout
  // viewport to fit a page that is too wide, hiding the very problem.
  const vw = %d, shortCell = %d, out = [];
  // A reader can open every <details> (chart tables, embed snippets): measure them open.
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const de = document.documentElement;
  if (de.scrollWidth > vw + 1) out.push('page is ' + de.scrollWidth + ' px wide on a ' + vw + ' px screen');
  const name = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).join('.');
    return s;
  };
  const clip = s => { s = s.replace(/\s+/g, ' ').trim(); return s.length > 40 ? s.slice(0, 40) + '…' : s; };
  const scroller = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return a;
    }
    return null;
  };
  document.querySelectorAll('table').forEach(t => {
    if (!t.getClientRects().length) return;
    const w = t.getBoundingClientRect().width;
    if (w <= vw + 1) return;
    const box = scroller(t);
    if (!box || box.getBoundingClientRect().width > vw + 1)
      out.push(name(t) + ' "' + clip(t.caption ? t.caption.textContent : t.textContent) + '" is ' + Math.round(w) + ' px wide and does not scroll inside its own box');
  });
  const cjk = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
  // lines gives the characters of an element grouped by the line they sit on.
  const lines = el => {
    const ls = [];
    let top = null;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const s = n.textContent;
      for (let i = 0; i < s.length; i++) {
        const r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + 1);
        const rects = r.getClientRects();
        if (!rects.length) continue;
        // A character starts a new line when its middle is below the
        // bottom of the line so far: robust to mixed fonts (a <code> in a
        // cell sits a few pixels lower on the same line).
        const r0 = rects[0], mid = (r0.top + r0.bottom) / 2;
        if (top === null || mid > top) { ls.push([]); top = r0.bottom; }
        else top = Math.max(top, r0.bottom);
        ls[ls.length - 1].push(s[i]);
      }
    }
    return ls.map(l => l.join(''));
  };
  const visible = el => el.getClientRects().length && !el.closest('[hidden]') && getComputedStyle(el).visibility !== 'hidden';
  // A short cell (a name, a date, a value with its qualifier: up to
  // shortCell characters) is one word and must not wrap between Chinese
  // characters; long text (a quoted note) may wrap as Chinese text does.
  document.querySelectorAll('th, td').forEach(el => {
    if (!visible(el) || [...el.textContent.trim()].length > shortCell) return;
    const ls = lines(el);
    for (let i = 1; i < ls.length; i++) {
      const a = ls[i - 1].replace(/\s+$/, ''), b = ls[i].replace(/^\s+/, '');
      if (!a || !b || ls[i - 1].endsWith(' ') || ls[i].startsWith(' ')) continue;
      const x = a[a.length - 1], y = b[0];
      if (cjk.test(x) || cjk.test(y)) {
        out.push(name(el) + ' "' + clip(el.textContent) + '" wraps inside a Chinese word (' + x + '|' + y + ')');
        return;
      }
    }
  });
  document.querySelectorAll('th, td, h1, h2, h3, nav a, .tile, .card-value, .card-period, .chart-title, .chart-unit, .badge, label').forEach(el => {
    if (!visible(el)) return;
    const ls = lines(el).map(l => l.trim()).filter(l => l);
    if (ls.length >= 2 && ls.filter(l => [...l].length === 1).length >= 2)
      out.push(name(el) + ' "' + clip(el.textContent) + '" breaks one character per line');
  });
  return out;
})()`
