package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"testing"

	"github.com/peeplcoach/folio/internal/images"
)

func pngOf(t *testing.T, w, h int, shade uint8) string {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = shade
		if i%4 == 3 {
			m.Pix[i] = 255
		}
	}
	m.Set(0, 0, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestBodyImages is issue 12's case 8 for images: sizes read from the files,
// lazy loading below the first screen, smaller copies made in Go, listed in
// srcset and cached; a rebuild after the image changes equals a clean build.
func TestBodyImages(t *testing.T) {
	files := threeArticles()
	files["content/articles/photo/index.md"] = article("title: Photo\ndate: 2025-03-12", "![A wide view](wide.png)\n\nText.\n\nMore.\n\n![The logo](/images/logo.png)\n\n![Nowhere](missing.png)\n")
	files["content/articles/photo/wide.png"] = pngOf(t, 1000, 500, 90)
	files["static/images/logo.png"] = pngOf(t, 64, 32, 200)
	s := withShareImage(newSite(t, files))
	s.opts.CacheDir = filepath.Join(t.TempDir(), "cache")
	s.mustBuild()
	s.assertFile("articles/photo/index.html",
		`<img src="wide.png" alt="A wide view" decoding="async" width="1000" height="500" srcset="wide-480w.png 480w, wide-800w.png 800w, wide.png 1000w" sizes="`+images.Sizes+`">`,
		`<img src="/images/logo.png" alt="The logo" loading="lazy" decoding="async" width="64" height="32">`,
		`<img src="missing.png" alt="Nowhere" loading="lazy" decoding="async">`)
	for p, w := range map[string]int{"articles/photo/wide-480w.png": 480, "articles/photo/wide-800w.png": 800} {
		info, err := images.Probe([]byte(s.file(p)))
		if err != nil || info.Width != w || info.Height != w/2 {
			t.Errorf("%s: %+v, %v", p, info, err)
		}
	}
	s.assertNoFile("images/logo-480w.png")
	first := s.file("articles/photo/wide-480w.png")
	if s.mustBuild(); s.file("articles/photo/wide-480w.png") != first {
		t.Error("a second build made another copy")
	}

	// The writer replaces the image with a taller one: the page follows.
	s.opts.Serve = true
	s.mustBuild()
	s.edit(map[string]string{"content/articles/photo/wide.png": pngOf(t, 900, 900, 40)})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("articles/photo/index.html", `width="900" height="900" srcset="wide-480w.png 480w, wide-800w.png 800w, wide.png 900w"`)
	sameAsFullBuild(t, s)
	s.edit(map[string]string{"static/images/logo.png": pngOf(t, 40, 40, 10)})
	s.assertFile("articles/photo/index.html", `alt="The logo" loading="lazy" decoding="async" width="40" height="40">`)
	sameAsFullBuild(t, s)
}
