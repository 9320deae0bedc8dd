package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chartsPending counts the page's charts that have not finished drawing
// (app.js marks a drawn chart data-rendered="true").
const chartsPending = `(() => {
  const all = document.querySelectorAll('.chart[data-options], .spark[data-options]');
  let done = 0;
  all.forEach(el => { if (el.getAttribute('data-rendered') === 'true') done++; });
  return [all.length, all.length - done];
})()`

// firstView opens each page in a fresh headless Chromium (empty cache) and
// reports the bytes transferred (gzip, everything the page loads) and the
// time from navigation until every chart is drawn.
func firstView(ctx context.Context, base string, pages []string) error {
	path := "/usr/bin/chromium"
	if _, err := os.Stat(path); err != nil {
		fmt.Printf("## First view\n\nskipped: no %s\n\n", path)
		return nil
	}
	fmt.Printf("## First view: headless Chromium, empty cache, loopback\n\n")
	fmt.Println("| page | transferred (gzip) | requests | charts | all charts drawn |")
	fmt.Println("|---|---|---|---|---|")
	for _, uri := range pages {
		if err := firstViewOne(ctx, path, base+uri, uri); err != nil {
			fmt.Printf("| `%s` | error: %v | | | |\n", uri, err)
		}
	}
	fmt.Println()
	return nil
}

func firstViewOne(ctx context.Context, chromium, url, uri string) error {
	dir, err := os.MkdirTemp("", "loadtest-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-gpu", true), chromedp.WindowSize(1280, 1000), chromedp.UserDataDir(dir))
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	bctx, cancelT := context.WithTimeout(bctx, time.Minute)
	defer cancelT()
	if err := chromedp.Do(bctx); err != nil { // start the browser before the clock (chromedp enables the network domain)
		return err
	}
	var mu sync.Mutex
	var bytes float64
	var requests int
	// A first navigation starts the renderer; it loads nothing the page
	// needs, so the measured view still starts with an empty cache.
	if err := chromedp.Do(bctx, chromedp.Navigate(strings.TrimSuffix(url, uri)+"/healthz")); err != nil {
		return err
	}
	err = chromedp.Listen(bctx, func(ev any) {
		if e, ok := ev.(*network.EventLoadingFinished); ok {
			mu.Lock()
			bytes += e.EncodedDataLength
			requests++
			mu.Unlock()
		}
	})
	if err != nil {
		return err
	}
	start := time.Now()
	if err := chromedp.Do(bctx, chromedp.Navigate(url)); err != nil {
		return err
	}
	var counts []int
	for {
		if counts, err = chromedp.Run(bctx, chromedp.Evaluate[[]int](chartsPending)); err != nil {
			return err
		}
		if len(counts) == 2 && counts[1] == 0 {
			break
		}
		if time.Since(start) > 30*time.Second {
			return fmt.Errorf("charts still drawing after 30 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	drawn := time.Since(start)
	time.Sleep(300 * time.Millisecond) // late requests (favicon) count too
	mu.Lock()
	defer mu.Unlock()
	fmt.Printf("| `%s` | %s | %d | %d | %s |\n", uri, kb(int64(bytes)), requests, counts[0], ms(drawn))
	return nil
}
