// Command screenshots takes the README's pictures of a running server with
// headless Chromium: each page at a laptop's 1366 px, and a phone's 390 px
// (emulated as internal/testkit.PhoneProblems does).
//
//	districtstats serve -addr 127.0.0.1:PORT &
//	go run ./tools/screenshots -base http://127.0.0.1:PORT -out docs/screenshots
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"districtstats/internal/testkit"
)

// shots are the README's pictures: file name, path, width.
var shots = []struct {
	file, path string
	width      int
}{
	{"overview.png", "/", 1366},
	{"topic-economy.png", "/topics/economy", 1366},
	{"indicator-gdp-en.png", "/indicators/gdp?lang=en", 1366},
	{"briefing.png", "/briefing?indicators=gdp,rd_intensity,hightech_enterprises", 1366},
	{"check.png", "/check", 1366},
	{"phone-indicator-gdp.png", "/indicators/gdp", testkit.PhoneWidth},
	{"phone-topic-clusters.png", "/topics/clusters", testkit.PhoneWidth},
}

func main() {
	base := flag.String("base", "", "the server's URL, e.g. http://127.0.0.1:8123")
	out := flag.String("out", "docs/screenshots", "directory for the PNG files")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium binary")
	flag.Parse()
	if *base == "" {
		fmt.Fprintln(os.Stderr, "usage: screenshots -base URL [-out DIR]")
		os.Exit(2)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(*chromium), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("hide-scrollbars", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	for _, s := range shots {
		path := filepath.Join(*out, s.file)
		if err := testkit.Screenshot(ctx, *base+s.path, s.width, path); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(path)
	}
}
