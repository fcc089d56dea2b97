// Package fonts is the type of folio's printed and drawn artifacts: the
// checklist PDFs and the share cards. It holds a fallback chain of fonts per
// style (the bundled Noto Sans for Latin, Greek and Cyrillic and Noto Emoji
// for monochrome emoji, then the fonts a site names in site.yaml for CJK,
// Arabic, Hebrew, Devanagari…), shapes text with a pure-Go HarfBuzz port
// (right-to-left and complex scripts come out joined and in visual order),
// wraps it into lines and gives glyph outlines to draw or embed.
//
// It is the only package that imports go-text/typesetting: callers see
// plain glyph ids, positions in points and outline segments.
package fonts

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// The bundled fonts: Noto Sans subset to Latin, Greek, Cyrillic and common
// punctuation and symbols, without hinting, and Noto Emoji 1.05, the last
// monochrome release. All are under the SIL Open Font License (data/OFL.txt);
// data/README.md says how they were made.
var (
	//go:embed data/NotoSans-Regular.ttf
	notoSansRegular []byte
	//go:embed data/NotoSans-Bold.ttf
	notoSansBold []byte
	//go:embed data/NotoEmoji-Regular.ttf
	notoEmoji []byte
)

// Style is a font weight of the chain: regular for text, bold for titles
// and headings.
type Style uint8

// The styles of a Library.
const (
	Regular Style = iota
	Bold
)

// Font is one parsed font file (or one face of a collection). It is
// immutable and safe for concurrent use.
type Font struct {
	ID        int    // index in Library.Fonts
	Name      string // PostScript-style name, e.g. "NotoSans-Bold": the PDF's BaseFont
	Source    string // where it came from: "bundled" or the path in the site folder
	Bold      bool
	Upem      float64
	Ascent    float64 // font units above the baseline
	Descent   float64 // font units below the baseline, positive
	CapHeight float64
	BBox      [4]float64 // xMin, yMin, xMax, yMax in font units

	f *font.Font
}

// File is a font a site names in site.yaml: its path inside the site folder
// (for messages) and its bytes.
type File struct {
	Path string
	Data []byte
	// Face picks one font of a collection (.ttc), from 0. A collection such
	// as Noto Sans CJK holds a face per region with the same characters:
	// loading all of them would cost ~15 MB each for nothing.
	Face int
}

// Library is the fonts of a build and their fallback chains. It is
// immutable once made and safe for concurrent use; the per-goroutine state
// shaping needs is pooled inside.
type Library struct {
	fonts  []*Font
	chains [2][]int // font ids per Style, in fallback order
	pool   sync.Pool
	key    string
	words  sync.Map // wordKey → *word: every word shaped so far
	nwords atomic.Int64
}

// bundled parses the bundled fonts once per process: every Library shares them.
var bundled = sync.OnceValues(func() ([]*Font, error) {
	var out []*Font
	for _, b := range []struct {
		name string
		data []byte
	}{{"NotoSans-Regular.ttf", notoSansRegular}, {"NotoSans-Bold.ttf", notoSansBold}, {"NotoEmoji-Regular.ttf", notoEmoji}} {
		fs, err := parse(b.data, "bundled "+b.name)
		if err != nil {
			return nil, err
		}
		out = append(out, fs[0])
	}
	return out, nil
})

// Default returns the library of the bundled fonts alone.
func Default() (*Library, error) { return Load(nil) }

// Load returns a library of the bundled fonts followed by files, the fonts a
// site names, each one font (of a collection, the face File.Face). A file
// that is not a font is an error naming its path.
func Load(files []File) (*Library, error) {
	base, err := bundled()
	if err != nil {
		return nil, err
	}
	l := &Library{}
	var keys strings.Builder
	keys.WriteString("bundled-1")
	add := func(f *Font) {
		g := *f
		g.ID = len(l.fonts)
		l.fonts = append(l.fonts, &g)
	}
	for _, f := range base {
		add(f)
	}
	for _, file := range files {
		f, err := parseFace(file.Data, file.Path, file.Face)
		if err != nil {
			return nil, err
		}
		add(f)
		fmt.Fprintf(&keys, "\x00%s\x00%d\x00%d\x00%x", file.Path, file.Face, len(file.Data), hashBytes(file.Data))
	}
	l.key = keys.String()
	// Regular: Noto Sans, Noto Emoji, the site's regular fonts, then its bold
	// ones (a bold glyph beats a missing one). Bold: the mirror image.
	const sans, sansBold, emoji = 0, 1, 2
	l.chains[Regular] = []int{sans, emoji}
	l.chains[Bold] = []int{sansBold, emoji}
	var reg, bold []int
	for _, f := range l.fonts[3:] {
		if f.Bold {
			bold = append(bold, f.ID)
		} else {
			reg = append(reg, f.ID)
		}
	}
	l.chains[Regular] = append(append(l.chains[Regular], reg...), bold...)
	l.chains[Bold] = append(append(l.chains[Bold], bold...), reg...)
	l.pool.New = func() any { return newShaper(l) }
	return l, nil
}

// Key identifies the library's fonts (the bundled set's version and each
// site font's path and content), for cache keys of what is drawn with it.
func (l *Library) Key() string { return l.key }

// Fonts returns every font of the library, indexed by Font.ID.
func (l *Library) Fonts() []*Font { return l.fonts }

// parse reads the first font of a file.
func parse(data []byte, source string) ([]*Font, error) {
	f, err := parseFace(data, source, 0)
	return []*Font{f}, err
}

// parseFace reads one font of a file or collection.
func parseFace(data []byte, source string, face int) (*Font, error) {
	lds, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("font %s: not a font file (TrueType, OpenType or a collection): %w", source, err)
	}
	if face < 0 || face >= len(lds) {
		return nil, fmt.Errorf("font %s: no face %d: the file has %d (0 to %d)", source, face, len(lds), len(lds)-1)
	}
	f, err := font.NewFont(lds[face])
	if err != nil {
		return nil, fmt.Errorf("font %s (face %d): %w", source, face, err)
	}
	return describe(f, source), nil
}

func describe(f *font.Font, source string) *Font {
	d := f.Describe()
	face := font.NewFace(f)
	ext, _ := face.FontHExtents()
	out := &Font{
		Source:  source,
		Bold:    d.Aspect.Weight >= font.WeightSemibold,
		Upem:    float64(f.Upem()),
		Ascent:  float64(ext.Ascender),
		Descent: -float64(ext.Descender),
		f:       f,
	}
	out.CapHeight = float64(face.LineMetric(font.CapHeight))
	if out.CapHeight <= 0 {
		out.CapHeight = 0.7 * out.Upem
	}
	if out.Ascent <= 0 {
		out.Ascent, out.Descent = 0.9*out.Upem, 0.25*out.Upem
	}
	out.BBox = [4]float64{-0.5 * out.Upem, -out.Descent, 1.5 * out.Upem, out.Ascent}
	name := strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f && !strings.ContainsRune("[](){}<>/%", r) {
			return r
		}
		return -1
	}, d.Family)
	if name == "" {
		name = "Font"
	}
	if out.Bold {
		name += "-Bold"
	} else {
		name += "-Regular"
	}
	out.Name = name
	return out
}

// hashBytes is FNV-1a over data: enough to tell two versions of a font file
// apart in a cache key.
func hashBytes(data []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, b := range data {
		h ^= uint64(b)
		h *= 1099511628211
	}
	return h
}

// Covers reports whether some font of the style's chain has a glyph for r.
func (l *Library) Covers(r rune, st Style) bool {
	for _, id := range l.chains[st] {
		if _, ok := l.fonts[id].f.NominalGlyph(r); ok {
			return true
		}
	}
	return false
}

// Missing returns, once each and in order, the characters of s that no font
// of the style's chain can draw. Spaces, controls and invisible format
// characters (joiners, variation selectors) need no glyph and are never
// missing. It reads only the fonts' character maps, so it is quick enough to
// run on every build whether or not the artifacts are cached.
func (l *Library) Missing(s string, st Style) []rune {
	var out []rune
	for _, r := range s {
		if invisible(r) || skinTone(r) || l.Covers(r, st) {
			continue
		}
		dup := false
		for _, m := range out {
			dup = dup || m == r
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// invisible reports whether r is drawn with no ink of its own.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
		r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF // variation selectors
}

// skinTone reports whether r is an emoji skin-tone modifier. A monochrome
// emoji has no skin to tone: where no font draws the modifier it is left out
// rather than drawn as a box.
func skinTone(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }
