package social

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// typeface is a parsed font with the metrics layout needs, in font units.
// It is immutable, and sfnt.Font is safe for concurrent use as long as each
// goroutine brings its own sfnt.Buffer, so one parse serves every card.
type typeface struct {
	f       *sfnt.Font
	upem    float64
	ascent  float64
	descent float64
}

// typefaces parses the embedded Go fonts once, on first use, so that a
// build that draws no card does not pay for it.
var typefaces = sync.OnceValues(func() ([2]*typeface, error) {
	var out [2]*typeface
	for i, ttf := range [2][]byte{gobold.TTF, goregular.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return out, fmt.Errorf("parse embedded font: %w", err)
		}
		var buf sfnt.Buffer
		upem := f.UnitsPerEm()
		// At a ppem of upem/64 pixels, 26.6 fixed-point values are font units.
		m, err := f.Metrics(&buf, fixed.Int26_6(upem), font.HintingNone)
		if err != nil {
			return out, fmt.Errorf("read embedded font metrics: %w", err)
		}
		out[i] = &typeface{f: f, upem: float64(upem), ascent: float64(m.Ascent), descent: float64(m.Descent)}
	}
	return out, nil
})

// units returns the advance width of s in font units (the Go fonts have no
// kerning table, so advances are the whole story).
func (t *typeface) units(buf *sfnt.Buffer, s string) float64 {
	var w fixed.Int26_6
	for _, r := range s {
		w += t.advance(buf, r)
	}
	return float64(w)
}

func (t *typeface) advance(buf *sfnt.Buffer, r rune) fixed.Int26_6 {
	x, err := t.f.GlyphIndex(buf, r)
	if err != nil {
		return 0
	}
	a, err := t.f.GlyphAdvance(buf, x, fixed.Int26_6(t.f.UnitsPerEm()), font.HintingNone)
	if err != nil {
		return 0
	}
	return a
}

// word is a run of text between spaces, or a piece of an over-long word
// (glued to the piece before it, with no space between).
type word struct {
	text  string
	units float64
	glued bool
}

// block is laid-out text: its lines, their widths in pixels, and the font
// size; the first baseline is ascent below the block's top.
type block struct {
	face       *typeface
	size       float64
	lines      []string
	widths     []float64
	lineHeight float64
	ascent     float64 // pixels
	height     float64 // pixels, first line's top to last line's descent
}

var errNoFit = errors.New("text does not fit")

// fit lays out text in the largest size from maxSize down (in 2-pixel steps)
// at which its lines, wrapped at spaces, are at most width wide and at most
// height tall in total. Below minSize, words wider than the line are broken
// between characters and sizes go down 1 pixel at a time to 6; text is
// never dropped. Lines are balanced: as even as the line count allows.
func fit(t *typeface, buf *sfnt.Buffer, text string, maxSize, minSize, width, height, leading float64) (block, error) {
	fields := strings.Fields(text)
	words := make([]word, len(fields))
	for i, f := range fields {
		words[i] = word{text: f, units: t.units(buf, f)}
	}
	space := t.units(buf, " ")
	for size := maxSize; size >= 6; {
		scale := size / t.upem
		limit := width / scale // the line width in font units
		ws := words
		if size < minSize {
			ws = breakWords(t, buf, words, limit)
		}
		lines, ok := wrap(ws, space, limit)
		blockHeight := (t.ascent+t.descent)*scale + float64(lines-1)*size*leading
		if ok && blockHeight <= height {
			return layoutLines(t, ws, space, lines, limit, size, leading), nil
		}
		if size > minSize {
			size -= 2
		} else {
			size--
		}
	}
	return block{}, fmt.Errorf("%w: %d characters in %.0f×%.0f pixels", errNoFit, utf8.RuneCountInString(text), width, height)
}

// wrap counts the lines of a greedy wrap at limit; ok is false when a word
// is wider than limit.
func wrap(ws []word, space, limit float64) (lines int, ok bool) {
	if len(ws) == 0 {
		return 0, true
	}
	lines, w := 1, 0.0
	for i, x := range ws {
		if x.units > limit {
			return 0, false
		}
		add := x.units
		if i > 0 && !x.glued {
			add += space
		}
		if i > 0 && w+add > limit {
			lines++
			w = x.units
			continue
		}
		w += add
	}
	return lines, true
}

// layoutLines balances the wrap: the narrowest limit that keeps the same
// number of lines, found by bisection, so a last line is not left with one
// word while the others are full.
func layoutLines(t *typeface, ws []word, space float64, lines int, limit, size, leading float64) block {
	lo, hi := 0.0, limit
	for _, x := range ws {
		lo = math.Max(lo, x.units)
	}
	for range 24 {
		mid := (lo + hi) / 2
		if n, ok := wrap(ws, space, mid); ok && n <= lines {
			hi = mid
		} else {
			lo = mid
		}
	}
	scale := size / t.upem
	b := block{face: t, size: size, lineHeight: size * leading, ascent: t.ascent * scale}
	var line strings.Builder
	w := 0.0
	flush := func() {
		b.lines = append(b.lines, line.String())
		b.widths = append(b.widths, w*scale)
		line.Reset()
		w = 0
	}
	for i, x := range ws {
		add := x.units
		if i > 0 && !x.glued {
			add += space
		}
		if i > 0 && w+add > hi {
			flush()
			add = x.units
		} else if i > 0 && !x.glued {
			line.WriteByte(' ')
		}
		line.WriteString(x.text)
		w += add
	}
	if len(ws) > 0 {
		flush()
	}
	b.height = (t.ascent+t.descent)*scale + float64(len(b.lines)-1)*b.lineHeight
	return b
}

// breakWords splits every word wider than limit into pieces that fit,
// between characters: the last resort that keeps every character drawn.
func breakWords(t *typeface, buf *sfnt.Buffer, ws []word, limit float64) []word {
	out := make([]word, 0, len(ws))
	for _, x := range ws {
		if x.units <= limit {
			out = append(out, x)
			continue
		}
		start, w, glued := 0, 0.0, x.glued
		for i, r := range x.text {
			a := float64(t.advance(buf, r))
			if w+a > limit && i > start {
				out = append(out, word{text: x.text[start:i], units: w, glued: glued})
				start, w, glued = i, 0, true
			}
			w += a
		}
		out = append(out, word{text: x.text[start:], units: w, glued: glued})
	}
	return out
}
