package social

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"github.com/peeplcoach/folio/internal/fonts"
)

// siteFonts loads the test fonts a site would name: subsets of Noto Sans
// Arabic and Noto Sans CJK SC.
func siteFonts(t testing.TB) *fonts.Library {
	t.Helper()
	var files []fonts.File
	for _, p := range []string{"../fonts/testdata/NotoSansArabic-subset.ttf", "../fonts/testdata/NotoSansCJKsc-subset.otf"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fonts.File{Path: p, Data: b})
	}
	lib, err := fonts.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestCardScripts draws a title in Chinese, Arabic and emoji with the site's
// fonts: every glyph is a real one (none is the missing-glyph box), and the
// card differs from the same title drawn without those fonts, in boxes.
func TestCardScripts(t *testing.T) {
	in := CardInput{Title: "检查清单 🙏 مرحبا بالعالم", Series: "Part 1 in the series “信任”", SiteName: "Peeplcoach"}
	site := NewPainter(siteFonts(t))
	if m, err := site.Missing(in); err != nil || len(m) != 0 {
		t.Errorf("Missing = %q, %v; want none with the site's fonts", string(m), err)
	}
	var bare Painter
	if m, _ := bare.Missing(in); string(m) != "检查清单مرحبالع信任" {
		t.Errorf("Missing with the bundled fonts = %q, want the Chinese and Arabic letters", string(m))
	}
	l, err := layout(site.lib, in)
	if err != nil {
		t.Fatal(err)
	}
	fs := site.lib.Fonts()
	used := map[string]bool{}
	for _, b := range []placed{l.series, l.title, l.site} {
		for _, line := range b.lines {
			for _, g := range line.Glyphs {
				if g.ID == 0 {
					t.Errorf("glyph for %q is the missing-glyph box", g.Text)
				}
				used[fs[g.Font].Source] = true
			}
		}
	}
	for _, src := range []string{"bundled NotoEmoji-Regular.ttf", "../fonts/testdata/NotoSansArabic-subset.ttf", "../fonts/testdata/NotoSansCJKsc-subset.otf"} {
		if !used[src] {
			t.Errorf("no glyph drawn from %s", src)
		}
	}
	good, err := site.Card(in)
	if err != nil {
		t.Fatal(err)
	}
	boxes, err := bare.Card(in)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(good, boxes) {
		t.Fatal("the card with the site's fonts equals the one drawn in boxes")
	}
	// The title's pixels differ where the glyphs are.
	a, _ := png.Decode(bytes.NewReader(good))
	b, _ := png.Decode(bytes.NewReader(boxes))
	diff := 0
	y0, y1 := int(l.title.top), int(l.title.top+l.title.height)
	for y := y0; y < y1; y++ {
		for x := 0; x < CardWidth; x++ {
			if a.At(x, y) != b.At(x, y) {
				diff++
			}
		}
	}
	if diff < 2000 {
		t.Errorf("only %d pixels of the title differ from the boxed drawing", diff)
	}
}
