package testkit

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// Screenshot opens url at a window width (CSS pixels; a phone width
// emulates a mobile device, as PhoneProblems does), waits for charts to
// draw and writes a PNG to path: the whole page, or on a phone the first
// screen. It takes the README's
// pictures; it asserts nothing.
func Screenshot(ctx context.Context, url string, width int, path string) error {
	vp := chromedp.EmulateViewport(int64(width), 900)
	if width <= PhoneWidth {
		vp = chromedp.EmulateViewport(int64(width), 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	err := chromedp.Do(ctx,
		vp,
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
		// ECharts draws after load and animates; give it time to settle.
		chromedp.Sleep(1500*time.Millisecond),
	)
	if err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	// A phone picture is the first screen, what a reader sees on opening;
	// a laptop picture is the whole page.
	shot := chromedp.FullScreenshot(100)
	if width <= PhoneWidth {
		shot = chromedp.CaptureScreenshot()
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	return os.WriteFile(path, png, 0o644)
}
