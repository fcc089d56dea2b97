package social

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/fonts"
)

// block is laid-out text: its lines, the font size, and the metrics of its
// box; the first baseline is ascent below the block's top.
type block struct {
	lines      []fonts.Line
	size       float64
	lineHeight float64
	ascent     float64 // pixels
	height     float64 // pixels, first line's top to last line's descent
	rtl        bool    // right to left: lines are aligned to the right
}

// The text's vertical metrics, in ems: Noto Sans's ascent and descent, used
// for every font of the chain so mixed scripts share one baseline grid.
const emAscent, emDescent = 1.069, 0.293

var errNoFit = errors.New("text does not fit")

// fit lays out text in the largest size from maxSize down (in 2-pixel steps,
// then 1-pixel steps below minSize, down to 6) at which its lines are at most
// width wide and at most height tall in total. Lines break where Unicode
// allows (spaces, between CJK characters) and within a word only when the
// word alone is wider than a line; text is never dropped. Lines are
// balanced: as even as the line count allows.
func fit(lib *fonts.Library, st fonts.Style, text string, maxSize, minSize, width, height, leading float64) (block, error) {
	p := lib.Shape(text, st)
	defer p.Close()
	for size := maxSize; size >= 6; {
		lines := p.Wrap(size, width)
		h := (emAscent+emDescent)*size + float64(len(lines)-1)*size*leading
		if h <= height && widest(lines) <= width+0.01 {
			lines = balance(p, lines, size, width)
			return block{lines: lines, size: size, lineHeight: size * leading, ascent: emAscent * size, height: h, rtl: p.RTL()}, nil
		}
		if size > minSize {
			size -= 2
		} else {
			size--
		}
	}
	return block{}, fmt.Errorf("%w: %d characters in %.0f×%.0f pixels", errNoFit, utf8.RuneCountInString(text), width, height)
}

func widest(lines []fonts.Line) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, l.Width)
	}
	return w
}

// balance finds, by bisection, the narrowest width that keeps the same
// number of lines, so a last line is not left with one word while the
// others are full.
func balance(p *fonts.Paragraph, lines []fonts.Line, size, width float64) []fonts.Line {
	if len(lines) < 2 {
		return lines
	}
	lo, hi := 0.0, width
	best := lines
	for range 14 {
		mid := (lo + hi) / 2
		if try := p.Wrap(size, mid); len(try) <= len(lines) && widest(try) <= mid+0.01 {
			hi, best = mid, try
		} else {
			lo = mid
		}
	}
	return best
}

// oneSpaced collapses runs of whitespace to one space.
func oneSpaced(s string) string { return strings.Join(strings.Fields(s), " ") }
