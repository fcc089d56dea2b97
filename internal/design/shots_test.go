package design

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/peeplcoach/folio/internal/browsertest"
)

// viewport is a screen the design is checked on.
type viewport struct {
	Name          string
	Width, Height int64
	Mobile        bool
}

var (
	phone  = viewport{"phone", 390, 844, true}
	laptop = viewport{"laptop", 1280, 800, false}
)

// emulate sets the screen size and colour scheme of the tab.
func emulate(ctx context.Context, vp viewport, scheme string) error {
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: vp.Width, Height: vp.Height, DeviceScaleFactor: 1, Mobile: vp.Mobile}); err != nil {
		return err
	}
	// A headless tab is never the focused window: emulate one, so that
	// focus styles apply as they do for a reader.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	return err
}

// TestScreenshots writes screenshots of the main pages at phone and laptop
// sizes, light and dark, into the folder FOLIO_SHOTS names, for a designer to
// look at: go test ./internal/design -run Screenshots with FOLIO_SHOTS=/tmp/shots.
// It checks nothing itself; the layout tests do.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("FOLIO_SHOTS")
	if dir == "" {
		t.Skip("set FOLIO_SHOTS=DIR to write screenshots for review")
	}
	base := serve(t, "bundled")
	pages := map[string]string{
		"article":    "/articles/get-your-manager-to-trust-you/",
		"checklist":  "/articles/get-your-manager-to-trust-you/checklist/",
		"home":       "/",
		"topics":     "/topics/",
		"checklists": "/checklists/",
		"series":     "/series/universal-leadership-challenges/",
	}
	if only := os.Getenv("FOLIO_SHOTS_PAGES"); only != "" {
		for name := range pages {
			if !strings.Contains(","+only+",", ","+name+",") {
				delete(pages, name)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ctx = browsertest.New(ctx, t)
	for name, url := range pages {
		for _, vp := range []viewport{phone, laptop} {
			for _, scheme := range []string{"light", "dark"} {
				err := emulate(ctx, vp, scheme)
				if err == nil {
					err = chromedp.Do(ctx, chromedp.Navigate(base+url), chromedp.WaitReady("body"))
				}
				var first, full []byte
				if err == nil {
					first, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
				}
				if err == nil {
					full, err = chromedp.Run(ctx, chromedp.FullScreenshot(90))
				}
				if err != nil {
					t.Fatalf("%s %s %s: %v", name, vp.Name, scheme, err)
				}
				stem := filepath.Join(dir, name+"-"+vp.Name+"-"+scheme)
				os.WriteFile(stem+"-screen.png", first, 0o644)
				os.WriteFile(stem+"-full.jpg", full, 0o644)
			}
		}
	}
}
