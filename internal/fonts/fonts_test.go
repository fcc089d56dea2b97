package fonts

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// siteFonts are the test fonts a site would name: subsets of Noto Sans
// Arabic and Noto Sans CJK SC (a CFF font) holding the test texts' characters.
func siteFonts(t testing.TB) []File {
	t.Helper()
	var out []File
	for _, p := range []string{"testdata/NotoSansArabic-subset.ttf", "testdata/NotoSansCJKsc-subset.otf"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, File{Path: p, Data: b})
	}
	return out
}

// lineText joins the cluster texts of a line's glyphs in visual order.
func lineText(l Line) string {
	var b strings.Builder
	for _, g := range l.Glyphs {
		b.WriteString(g.Text)
	}
	return b.String()
}

func TestMissing(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	all, err := Load(siteFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lib  *Library
		text string
		want []rune
	}{
		{def, "one-to-one – “quotes” café Ελλάδα Россия", nil},
		{def, "Say thank you 🙏 👍🏽 ❤️", nil},
		{def, "信任 مرحبا 信", []rune("信任مرحبا")},
		{all, "信任 مرحبا", nil},
		{all, "信任 ᚠ", []rune("ᚠ")}, // runic: in no font
	}
	for _, tt := range tests {
		for _, st := range []Style{Regular, Bold} {
			if got := tt.lib.Missing(tt.text, st); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Missing(%q, %d) = %q, want %q", tt.text, st, string(got), string(tt.want))
			}
		}
	}
}

func TestShapeFallbackAndGlyphs(t *testing.T) {
	lib, err := Load(siteFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	p := lib.Shape("Say thank you 🙏 信任 مرحبا", Regular)
	defer p.Close()
	lines := p.Wrap(10, 1000)
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1", len(lines))
	}
	used := map[string]bool{}
	for _, g := range lines[0].Glyphs {
		if g.ID == 0 {
			t.Errorf("glyph for %q is .notdef", g.Text)
		}
		used[lib.Fonts()[g.Font].Source] = true
	}
	for _, src := range []string{"bundled NotoSans-Regular.ttf", "bundled NotoEmoji-Regular.ttf",
		"testdata/NotoSansArabic-subset.ttf", "testdata/NotoSansCJKsc-subset.otf"} {
		if !used[src] {
			t.Errorf("no glyph from %s; used %v", src, used)
		}
	}
	// The Arabic word is set right to left: in visual order its letters
	// come last first, and the joined forms are not the isolated ones.
	text := lineText(lines[0])
	if !strings.Contains(text, "ابحرم") {
		t.Errorf("visual text %q lacks the Arabic word reversed (right to left)", text)
	}
	iso := lib.Shape("م ر ح ب ا", Regular)
	defer iso.Close()
	isoIDs := map[uint16]bool{}
	for _, g := range iso.Wrap(10, 1000)[0].Glyphs {
		isoIDs[g.ID] = true
	}
	joined := 0
	for _, g := range lines[0].Glyphs {
		if lib.Fonts()[g.Font].Source == "testdata/NotoSansArabic-subset.ttf" && !isoIDs[g.ID] {
			joined++
		}
	}
	if joined == 0 {
		t.Error("the Arabic word uses only isolated letter forms: it was not shaped")
	}
}

func TestWrap(t *testing.T) {
	lib, err := Load(siteFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Learn from those with more experience—including your manager, one-to-one.",
		"信任你的经理检查清单信任你的经理检查清单信任你的经理检查清单",
	} {
		p := lib.Shape(text, Regular)
		lines := p.Wrap(10, 120)
		p.Close()
		if len(lines) < 2 {
			t.Errorf("%q: %d lines at 120 pt, want it wrapped", text, len(lines))
		}
		var all strings.Builder
		for _, l := range lines {
			if l.Width > 120.01 {
				t.Errorf("%q: a line is %.1f pt wide", text, l.Width)
			}
			all.WriteString(lineText(l))
		}
		if got := strings.ReplaceAll(all.String(), " ", ""); got != strings.ReplaceAll(text, " ", "") {
			t.Errorf("wrapped text %q, want %q", got, text)
		}
	}
}

func TestOutlines(t *testing.T) {
	lib, err := Load(siteFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	p := lib.Shape("A🙏信م", Bold)
	defer p.Close()
	for _, g := range p.Wrap(12, 500)[0].Glyphs {
		segs, adv := lib.Outline(g.Font, g.ID)
		if len(segs) < 3 || adv <= 0 {
			t.Errorf("glyph %q: %d segments, advance %.0f", g.Text, len(segs), adv)
		}
	}
}

func TestConcurrentShaping(t *testing.T) {
	lib, err := Load(siteFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				p := lib.Shape("Trust 信任 مرحبا 🙏", Bold)
				if n := len(p.Wrap(14, 300)); n != 1 {
					t.Errorf("%d lines", n)
				}
				p.Close()
				// Words kept in the cache are shared: wrapping between CJK
				// characters must not write to them.
				p = lib.Shape("信任你的经理检查清单信任你的经理检查清单", Regular)
				if n := len(p.Wrap(10, 45)); n < 4 {
					t.Errorf("%d lines, want the CJK text wrapped", n)
				}
			}
		})
	}
	wg.Wait()
}

func TestLoadErrors(t *testing.T) {
	_, err := Load([]File{{Path: "fonts/broken.otf", Data: []byte("not a font")}})
	if err == nil || !strings.Contains(err.Error(), "fonts/broken.otf") {
		t.Errorf("error = %v, want one naming fonts/broken.otf", err)
	}
}

func BenchmarkShapeWrap(b *testing.B) {
	lib, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p := lib.Shape("What are the key guidelines, such as budget or strategic issues, I need to be aware of?", Regular)
		p.Wrap(10, 230)
		p.Close()
	}
}

// FuzzShapeWrap shapes and wraps any text: no panic, and every character
// comes out once (spaces aside; right-to-left text in visual order, so the
// characters are compared sorted).
func FuzzShapeWrap(f *testing.F) {
	lib, err := Load(siteFonts(f))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"Say thank you 🙏", "信任你的经理检查清单", "مرحبا بالعالم 123 (abc)", "e\u0301\u0301 \u200d 👍🏽", "a  b\t\n"} {
		f.Add(s, 40.0)
		f.Add(s+" "+s, 7.0)
	}
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if width < 1 || width > 1e5 || len(s) > 2000 || strings.ContainsFunc(s, unicode.IsControl) {
			return // Shape takes one line: callers collapse whitespace first
		}
		p := lib.Shape(s, Regular)
		lines := p.Wrap(10, width)
		var got strings.Builder
		for _, l := range lines {
			got.WriteString(lineText(l))
		}
		clean := func(x string) string {
			rs := []rune(strings.Map(func(r rune) rune {
				if r == ' ' || skinTone(r) && !lib.Covers(r, Regular) {
					return -1
				}
				return r
			}, x))
			slices.Sort(rs)
			return string(rs)
		}
		if clean(got.String()) != clean(string([]rune(s))) {
			t.Errorf("Shape(%q).Wrap: text %q", s, got.String())
		}
	})
}
