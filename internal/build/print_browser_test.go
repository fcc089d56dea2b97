package build

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/peeplcoach/folio/internal/browsertest"
)

// TestChecklistPrintsOnOnePage builds the first article (the frozen copy in
// testdata/first-article/), opens its printable checklist in Chromium, and prints it as a reader would:
// on A4 it is one page, and every item's checkbox is drawn in print.
func TestChecklistPrintsOnOnePage(t *testing.T) {
	browsertest.Chromium(t)
	dir := t.TempDir()
	b, err := New(firstArticleSite(t), Options{Minify: true, Fingerprint: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	out := newMemSink()
	if _, err := b.Build(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	for p, data := range out.files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, data, 0o644)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ctx = browsertest.New(ctx, t, chromedp.WindowSize(1000, 1400))

	type rect struct{ X, Y, W, H float64 }
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	must("open the checklist", chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/articles/get-your-manager-to-trust-you/checklist/"),
		chromedp.WaitReady("main")))
	printed, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69}) // A4, in inches
	must("print to PDF", err)
	pdf := printed.Data
	_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	must("emulate print", err)
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[[]rect](`[...document.querySelectorAll(".box")].map(b => { const r = b.getBoundingClientRect(); return {X: r.x, Y: r.y, W: r.width, H: r.height} })`))
	must("find the boxes", err)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must("screenshot", err)
	if n := pdfPages(t, pdf); n != 1 {
		t.Errorf("the checklist prints on %d A4 pages, want 1", n)
	}
	if len(boxes) < 24 {
		t.Fatalf("found %d checkboxes in print, want one per item (24)", len(boxes))
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range boxes {
		if r.W < 8 || r.H < 8 {
			t.Errorf("box %d is %v×%v px in print: too small to tick", i, r.W, r.H)
			continue
		}
		// Each edge of the box must be drawn: a dark pixel at the middle of
		// the edge, within two pixels inside it (borders are anti-aliased).
		x0, x1, y0, y1 := int(r.X), int(r.X+r.W-0.5), int(r.Y), int(r.Y+r.H-0.5)
		mx, my := int(r.X+r.W/2), int(r.Y+r.H/2)
		edges := map[string][3][2]int{
			"left":   {{x0, my}, {x0 + 1, my}, {x0 + 2, my}},
			"right":  {{x1, my}, {x1 - 1, my}, {x1 - 2, my}},
			"top":    {{mx, y0}, {mx, y0 + 1}, {mx, y0 + 2}},
			"bottom": {{mx, y1}, {mx, y1 - 1}, {mx, y1 - 2}},
		}
		for name, px := range edges {
			if !dark(img, px[0][0], px[0][1]) && !dark(img, px[1][0], px[1][1]) && !dark(img, px[2][0], px[2][1]) {
				t.Errorf("box %d (%v): its %s edge is not drawn in print", i, r, name)
			}
		}
		// And its inside is blank, ready for a tick.
		if dark(img, int(r.X+r.W/2), int(r.Y+r.H/2)) {
			t.Errorf("box %d is filled in print", i)
		}
	}
}

func dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r+g+b)/3 < 0xA000
}

// pdfPages counts the pages of a PDF with pdfinfo (poppler-utils).
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdfinfo is not installed: apt-get install -y poppler-utils")
		}
		t.Skip("pdfinfo is not installed: skipping (apt-get install -y poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "print.pdf")
	os.WriteFile(f, pdf, 0o644)
	out, err := exec.Command("pdfinfo", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			var n int
			for _, c := range strings.TrimSpace(v) {
				n = n*10 + int(c-'0')
			}
			return n
		}
	}
	t.Fatalf("pdfinfo gave no page count:\n%s", out)
	return 0
}
