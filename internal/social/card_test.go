package social

import (
	"bytes"
	"errors"
	"image/color"
	"image/png"
	"strings"
	"sync"
	"testing"

	"github.com/peeplcoach/folio/internal/fonts"
)

// title200 is a 200-character title, the longest the card must fit.
var title200 = strings.TrimSpace(strings.Repeat("Why Managers Micromanage and What ", 6))[:199] + "s"

func TestCardImage(t *testing.T) {
	in := CardInput{Title: "7 Tips to Get Your Manager to Trust You", Series: "Part 2 of 5 in the series “Managing Up”", SiteName: "Peeplcoach"}
	data, err := Card(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) >= 300<<10 {
		t.Errorf("card is %d bytes, want under 300 KB", len(data))
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 627 {
		t.Fatalf("card is %v, want 1200×627", b)
	}
	cs := Colors{}.withDefaults()
	rgba := func(x, y int) color.RGBA { return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) }
	if got := rgba(5, 300); got != cs.Accent {
		t.Errorf("edge stripe = %v, want the accent %v", got, cs.Accent)
	}
	if got := rgba(1190, 620); got != cs.Background {
		t.Errorf("corner = %v, want the background %v", got, cs.Background)
	}
	l, err := layout(testFonts(t), in)
	if err != nil {
		t.Fatal(err)
	}
	// Each block's text is drawn, in its ink, where the layout put it.
	for name, blk := range map[string]struct {
		p   placed
		ink color.RGBA
	}{"series": {l.series, cs.Accent}, "title": {l.title, cs.Title}, "site": {l.site, cs.Muted}} {
		for i := range blk.p.lines {
			y0 := int(blk.p.top + float64(i)*blk.p.lineHeight)
			found := false
			for y := y0; y < y0+int(blk.p.ascent) && !found; y++ {
				for x := int(marginX); x < int(marginX+blk.p.lines[i].Width) && !found; x++ {
					found = rgba(x, y) == blk.ink
				}
			}
			if !found {
				t.Errorf("%s line %d (%q): no pixel of its ink %v", name, i, lineTexts(blk.p.lines)[i], blk.ink)
			}
		}
	}
	again, err := Card(in)
	if err != nil || !bytes.Equal(data, again) {
		t.Error("the same input draws different bytes")
	}
}

func TestCardColors(t *testing.T) {
	cs := Colors{Background: color.RGBA{0xFA, 0xF7, 0xF0, 0xFF}, Title: color.RGBA{0x1F, 0x2A, 0x44, 0xFF}}
	data, err := Card(CardInput{Title: "Light", Colors: cs})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := color.RGBAModel.Convert(img.At(600, 5)); got != cs.Background {
		t.Errorf("background = %v, want %v", got, cs.Background)
	}
	if got := color.RGBAModel.Convert(img.At(5, 5)); got != (Colors{}).withDefaults().Accent {
		t.Errorf("stripe = %v, want the default accent (unset colours take defaults)", got)
	}
}

// TestCardTitleFits checks, through the layout the drawing follows, that
// long titles are wrapped and shrunk but never cut: every word is on a line,
// no line is wider than the safe area, and the block stays between the
// series line and the footer.
func TestCardTitleFits(t *testing.T) {
	longWord := strings.Repeat("Micromanagement", 12) // 180 characters, no space
	tests := []struct {
		name    string
		title   string
		minSize float64
	}{
		{"short", "Trust", 76},
		{"first article", "7 Tips to Get Your Manager to Trust You", 76},
		{"200 characters", title200, 40},
		{"200 characters with series", title200, 40},
		{"one word wider than the card", longWord, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len([]rune(tt.title)) > 200 {
				t.Fatalf("fixture is %d characters", len([]rune(tt.title)))
			}
			in := CardInput{Title: tt.title, SiteName: "Peeplcoach"}
			if strings.Contains(tt.name, "series") {
				in.Series = "Part 12 of 12 in the series “Managing Up: A Practical Guide for New Leaders”"
			}
			l, err := layout(testFonts(t), in)
			if err != nil {
				t.Fatal(err)
			}
			texts := lineTexts(l.title.lines)
			if got := strings.ReplaceAll(strings.Join(texts, ""), " ", ""); got != strings.ReplaceAll(tt.title, " ", "") {
				t.Errorf("lines %q do not hold the whole title", texts)
			}
			if tt.title != longWord && strings.Join(texts, " ") != tt.title {
				t.Errorf("lines %q are not the title wrapped at spaces", texts)
			}
			for i, line := range l.title.lines {
				if line.Width > safeWidth+0.01 {
					t.Errorf("line %d (%q) is %.1f px wide, more than the safe %.0f", i, texts[i], line.Width, safeWidth)
				}
			}
			top := marginTop
			if l.series.lines != nil {
				top = l.series.top + l.series.height + seriesGap
			}
			if l.title.top < top-0.01 || l.title.top+l.title.height > l.ruleTop-footerGap+0.01 {
				t.Errorf("title block %.1f–%.1f leaves its area %.1f–%.1f", l.title.top, l.title.top+l.title.height, top, l.ruleTop-footerGap)
			}
			if l.title.size < tt.minSize {
				t.Errorf("title drawn at %.0f px, want at least %.0f", l.title.size, tt.minSize)
			}
			if _, err := Card(in); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestCardInk checks the drawn pixels agree with the layout: no title ink
// outside the safe area, for the longest title.
func TestCardInk(t *testing.T) {
	data, err := Card(CardInput{Title: title200, Series: "Part 1 of 3 in the series “Managing Up”", SiteName: "Peeplcoach"})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	bg := (Colors{}).withDefaults().Background
	const slack = 4 // glyph outlines may overhang their advance by a pixel or two
	for y := 0; y < CardHeight; y++ {
		for x := stripeWidth; x < CardWidth; x++ {
			if x >= int(marginX)-slack && x < CardWidth-int(marginX)+slack {
				continue
			}
			if c := color.RGBAModel.Convert(img.At(x, y)); c != bg {
				t.Fatalf("ink at (%d, %d), outside the safe area", x, y)
			}
		}
	}
}

func TestCardErrors(t *testing.T) {
	if _, err := Card(CardInput{Title: "  "}); err == nil {
		t.Error("empty title: no error")
	}
	_, err := Card(CardInput{Title: strings.Repeat("word ", 8000)})
	if !errors.Is(err, errNoFit) {
		t.Errorf("40,000-character title: error %v, want errNoFit", err)
	}
}

func TestCardConcurrent(t *testing.T) {
	inputs := []CardInput{{Title: "One"}, {Title: title200, SiteName: "Peeplcoach"}, {Title: "Three", Series: "Part 1 in the series “S”"}}
	want := make([][]byte, len(inputs))
	for i, in := range inputs {
		var err error
		if want[i], err = Card(in); err != nil {
			t.Fatal(err)
		}
	}
	// One Painter shared by all: reused canvases must leave no trace.
	var p Painter
	var wg sync.WaitGroup
	for range 4 {
		for i, in := range inputs {
			wg.Go(func() {
				got, err := p.Card(in)
				if err != nil || !bytes.Equal(got, want[i]) {
					t.Errorf("concurrent Card(%q) differs: %v", in.Title, err)
				}
			})
		}
	}
	wg.Wait()
}

func TestCardKey(t *testing.T) {
	in := CardInput{Title: "T", Series: "S", SiteName: "P"}
	if in.Key() != in.Key() || len(in.Key()) != 64 {
		t.Fatalf("Key = %q, want a stable SHA-256 hex digest", in.Key())
	}
	edits := []func(*CardInput){
		func(c *CardInput) { c.Title = "U" },
		func(c *CardInput) { c.Series = "" },
		func(c *CardInput) { c.SiteName = "Q" },
		func(c *CardInput) { c.Colors.Accent = color.RGBA{1, 2, 3, 255} },
		func(c *CardInput) { c.Title, c.Series = "TS", "" }, // no ambiguity across field boundaries
	}
	for i, edit := range edits {
		c := in
		edit(&c)
		if c.Key() == in.Key() {
			t.Errorf("edit %d does not change the key", i)
		}
	}
	same := in
	same.Colors.Background = (Colors{}).withDefaults().Background
	if same.Key() != in.Key() {
		t.Error("setting a colour to its default changes the key; the card is the same")
	}
}

func BenchmarkCard(b *testing.B) {
	in := CardInput{Title: "7 Tips to Get Your Manager to Trust You", Series: "Part 2 of 5 in the series “Managing Up”", SiteName: "Peeplcoach"}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		data, err := Card(in)
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size), "bytes/card")
}

func BenchmarkPainterCard(b *testing.B) {
	in := CardInput{Title: "7 Tips to Get Your Manager to Trust You", Series: "Part 2 of 5 in the series “Managing Up”", SiteName: "Peeplcoach"}
	var p Painter
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Card(in); err != nil {
			b.Fatal(err)
		}
	}
}

func testFonts(t testing.TB) *fonts.Library {
	t.Helper()
	lib, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// lineTexts returns each line's text as its glyphs spell it, spaces trimmed.
func lineTexts(lines []fonts.Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		var b strings.Builder
		for _, g := range l.Glyphs {
			b.WriteString(g.Text)
		}
		out[i] = strings.TrimSpace(b.String())
	}
	return out
}

// BenchmarkCardBuild is a build's work: the cards of many different
// articles through one Painter, as a build shares it.
func BenchmarkCardBuild(b *testing.B) {
	words := strings.Fields("Why Managers Micromanage and What to Do About It Seven Ways to Earn Trust Feedback That Lands Delegation Without Fear One-to-One Meetings That Work")
	ins := make([]CardInput, 200)
	for i := range ins {
		n := 4 + i%7
		t := make([]string, n)
		for k := range t {
			t[k] = words[(i*7+k*3)%len(words)]
		}
		ins[i] = CardInput{Title: strings.Join(t, " "), SiteName: "Peeplcoach Insights"}
		if i%3 == 0 {
			ins[i].Series = "Part 2 of 5 in the series “Managing Up”"
		}
	}
	var p Painter
	b.ReportAllocs()
	i, size := 0, 0
	for b.Loop() {
		data, err := p.Card(ins[i%len(ins)])
		if err != nil {
			b.Fatal(err)
		}
		size += len(data)
		i++
	}
	b.ReportMetric(float64(size)/float64(i), "bytes/card")
}
