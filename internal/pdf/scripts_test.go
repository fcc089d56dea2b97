package pdf

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/peeplcoach/folio/internal/fonts"
)

// scripts is a checklist in several scripts: emoji, Chinese and Arabic in
// the title and the items.
func scripts() Checklist {
	c := fixture()
	c.Title = "检查清单 🙏 قائمة التحقق"
	c.TitleLine = 2
	c.Groups = []Group{
		{Heading: "信任你的经理", HeadingLine: 10, Items: []string{"Say thank you 🙏", "信任你的经理检查清单", "مرحبا بالعالم"}, Lines: []int{11, 12, 13}},
		{Heading: "ثق بمديرك", HeadingLine: 15, Items: []string{"قائمة التحقق", "one-to-one 👍"}, Lines: []int{16, 17}},
	}
	return c
}

// siteRenderer draws with the test fonts a site would name: subsets of
// Noto Sans Arabic and Noto Sans CJK SC.
func siteRenderer(t testing.TB) *Renderer {
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
	logo, err := os.ReadFile("../../static/images/logo.svg")
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(lib, "/images/logo.svg", logo)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRenderScripts(t *testing.T) {
	r := siteRenderer(t)
	c := scripts()
	r.Check(c, func(line int, missing []rune, text string) {
		t.Errorf("Check: %q missing in %q at line %d, want none: the site's fonts cover every character", string(missing), text, line)
	})
	b, err := r.Render(c, A4)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(extract(t, b), " ", "")
	for _, want := range []string{"检查清单", "信任你的经理检查清单", "مرحبا", "بالعالم", "قائمة", "التحقق", "Saythankyou🙏", "one-to-one👍"} {
		if !strings.Contains(got, want) {
			t.Errorf("extracted text lacks %q:\n%s", want, got)
		}
	}
	fontsOut := poppler(t, b, "pdffonts", "PDF")
	for _, name := range []string{"NotoSans-Regular", "NotoSans-Bold", "NotoEmoji-Regular", "NotoSansArabic", "NotoSansCJKSC"} {
		if !strings.Contains(fontsOut, name) {
			t.Errorf("pdffonts does not list %s:\n%s", name, fontsOut)
		}
	}
	// Every glyph drawn is a real glyph: .notdef (id 0) is embedded in each
	// subset but drawn only for a missing character.
	cc := c
	if _, err := validate(&cc); err != nil {
		t.Fatal(err)
	}
	sh, _ := A4.sheet()
	d, err := r.layout(&cc, sh)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range d.blocks {
		for _, l := range b.text.lines {
			for _, g := range l.Glyphs {
				if g.ID == 0 {
					t.Errorf("%q: a glyph is .notdef", g.Text)
				}
			}
		}
	}
}

func TestCheckWarnsMissingGlyphs(t *testing.T) {
	r, err := defaultRenderer()
	if err != nil {
		t.Fatal(err)
	}
	c := scripts()
	lines := map[int]string{}
	r.Check(c, func(line int, missing []rune, text string) {
		lines[line] = string(missing)
		if msg := MissingGlyphs(missing, text); !strings.Contains(msg, "fonts:") || !strings.Contains(msg, text) {
			t.Errorf("warning %q does not name the text and say how to fix it", msg)
		}
	})
	for l, want := range map[int]string{2: "检查清单قائمةلتح", 10: "信任你的经理", 12: "信任你的经理检查清单", 13: "مرحبالع", 15: "ثقبمديرك", 16: "قائمةلتح"} {
		if lines[l] != want {
			t.Errorf("line %d: missing %q, want %q", l, lines[l], want)
		}
	}
	for _, l := range []int{11, 17} {
		if _, ok := lines[l]; ok {
			t.Errorf("warning at line %d, whose text the bundled fonts cover", l)
		}
	}
	// The sheet is still made, with boxes for what the fonts lack.
	if _, err := r.Render(c, Letter); err != nil {
		t.Errorf("Render with missing glyphs: %v", err)
	}
}

// FuzzRender draws a checklist with any title, heading and item: an error
// or a PDF, never a panic.
func FuzzRender(f *testing.F) {
	f.Add("Checklist: 检查清单 🙏", "ثق بمديرك", "Say thank you 🙏 one-to-one")
	f.Add("", "", "")
	f.Add("a", strings.Repeat("long ", 300), "x\u0301\u200d\ufe0f")
	r := siteRenderer(f)
	f.Fuzz(func(t *testing.T, title, heading, item string) {
		c := fixture()
		c.Title = title
		c.Groups = append(c.Groups, Group{Heading: heading, Items: []string{item}})
		b, err := r.Render(c, A4)
		if err == nil && !bytes.HasPrefix(b, []byte("%PDF-1.7")) {
			t.Errorf("Render(%q, %q, %q) = %d bytes that are not a PDF", title, heading, item, len(b))
		}
		r.Check(c, func(int, []rune, string) {})
	})
}
