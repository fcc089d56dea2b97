package fonts

import (
	"math"
	"slices"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// refSize is the size text is shaped at. Shaping is linear in size (no
// hinting), so a paragraph is shaped once and wrapped at any size by scaling
// the width: a card tries twenty sizes for one shaping.
const refSize = 1000

// shaper is the per-goroutine state of shaping: go-text faces cache glyph
// lookups and are not safe for concurrent use, nor are the shaper, segmenter
// and line wrapper. A Library pools them.
type shaper struct {
	faces  []*font.Face // by font id
	byFont map[*font.Font]int
	chains [2]chain
	hb     shaping.HarfbuzzShaper
	seg    shaping.Segmenter
	wrap   shaping.LineWrapper
}

func newShaper(l *Library) *shaper {
	s := &shaper{byFont: map[*font.Font]int{}}
	for _, f := range l.fonts {
		s.faces = append(s.faces, font.NewFace(f.f))
		s.byFont[f.f] = f.ID
	}
	for st, ids := range l.chains {
		for _, id := range ids {
			s.chains[st] = append(s.chains[st], s.faces[id])
		}
	}
	return s
}

// chain is a shaping.Fontmap: the first face with a glyph for the rune, else
// the first face, whose .notdef box then marks the missing character.
type chain []*font.Face

func (c chain) ResolveFace(r rune) *font.Face {
	for _, f := range c {
		if _, ok := f.NominalGlyph(r); ok {
			return f
		}
	}
	return c[0]
}

// Glyph is one glyph placed on a line.
type Glyph struct {
	Font    int     // Font.ID
	ID      uint16  // glyph id in that font
	X, Y    float64 // pen position plus the glyph's offset, in points from the line's start and baseline (y up)
	Advance float64 // in points
	// Text is the characters of the cluster this glyph starts, for text
	// extraction; it is empty for the other glyphs of a cluster.
	Text string
}

// Line is one wrapped line of a paragraph, in visual order (left to right).
type Line struct {
	Glyphs []Glyph
	Width  float64 // in points
}

// Paragraph is a text shaped once: Wrap lays it out at any size and width.
// It holds pooled shaping state until Close.
type Paragraph struct {
	lib   *Library
	sh    *shaper
	runes []rune
	runs  []shaping.Output
	dir   di.Direction
}

// Shape shapes s in the given style, choosing for each character the first
// font of the chain that has it. Call Close when done with the paragraph.
func (l *Library) Shape(s string, st Style) *Paragraph {
	sh := l.pool.Get().(*shaper)
	p := &Paragraph{lib: l, sh: sh, runes: []rune(s)}
	p.runes = slices.DeleteFunc(p.runes, func(r rune) bool { return skinTone(r) && !l.Covers(r, st) })
	p.dir = baseDirection(p.runes)
	in := shaping.Input{Text: p.runes, RunEnd: len(p.runes), Direction: p.dir, Size: fixed.I(refSize)}
	for _, run := range sh.seg.Split(in, sh.chains[st]) {
		run.Size = fixed.I(refSize)
		p.runs = append(p.runs, sh.hb.Shape(run))
	}
	return p
}

// Close returns the paragraph's shaping state to the library's pool.
func (p *Paragraph) Close() {
	if p.sh != nil {
		p.lib.pool.Put(p.sh)
		p.sh = nil
	}
}

// baseDirection is the direction of the first strong character (as HTML's
// dir="auto"): an item in Arabic reads right to left, one in English left to
// right whatever it quotes.
func baseDirection(rs []rune) di.Direction {
	for _, r := range rs {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko, unicode.Adlam):
			return di.DirectionRTL
		case unicode.IsLetter(r):
			return di.DirectionLTR
		}
	}
	return di.DirectionLTR
}

// Width returns the paragraph's width on one line at size, in points.
func (p *Paragraph) Width(size float64) float64 {
	var w fixed.Int26_6
	for _, r := range p.runs {
		w += r.Advance
	}
	return float64(w) / 64 * size / refSize
}

// Wrap breaks the paragraph into lines at most width points wide at the
// given size, at the places Unicode's line breaking rules allow (spaces,
// between CJK characters…), and within a word only when the word alone is
// wider than a line. Trailing spaces take no width.
func (p *Paragraph) Wrap(size, width float64) []Line {
	if len(p.runs) == 0 {
		return nil
	}
	// The wrapper zeroes the advance of each line's trailing space in place:
	// wrap a copy so the paragraph can be wrapped again at another size.
	runs := make([]shaping.Output, len(p.runs))
	for i, r := range p.runs {
		r.Glyphs = slices.Clone(r.Glyphs)
		runs[i] = r
	}
	cfg := shaping.WrapConfig{Direction: p.dir, BreakPolicy: shaping.WhenNecessary}
	max := fixed.Int26_6(min(width*refSize/size*64, math.MaxInt32/2))
	wrapped, _ := p.sh.wrap.WrapParagraphF(cfg, max, p.runes, shaping.NewSliceIterator(runs))
	k := size / refSize / 64
	out := make([]Line, 0, len(wrapped))
	for _, line := range wrapped {
		visual := make([]shaping.Output, len(line))
		for _, run := range line {
			visual[run.VisualIndex] = run
		}
		var l Line
		x := fixed.Int26_6(0)
		for _, run := range visual {
			id := p.sh.byFont[run.Face.Font]
			prev := -1
			for _, g := range run.Glyphs {
				gl := Glyph{
					Font:    id,
					ID:      uint16(g.GlyphID),
					X:       float64(x+g.XOffset) * k,
					Y:       float64(g.YOffset) * k,
					Advance: float64(g.Advance) * k,
				}
				if g.ClusterIndex != prev {
					end := min(g.ClusterIndex+max1(g.RuneCount), len(p.runes))
					gl.Text = string(p.runes[g.ClusterIndex:end])
					prev = g.ClusterIndex
				}
				x += g.Advance
				l.Glyphs = append(l.Glyphs, gl)
			}
		}
		l.Width = float64(x) * k
		out = append(out, l)
	}
	return out
}

func max1(n int) int { return max(n, 1) }

// Segment is one step of a glyph outline, in font units with y up: MoveTo
// and LineTo use P[0], QuadTo P[0..1], CubeTo P[0..2].
type Segment struct {
	Op SegmentOp
	P  [3]Point
}

// Point is a point of an outline, in font units.
type Point struct{ X, Y float32 }

// SegmentOp is the kind of a Segment.
type SegmentOp uint8

// The segment kinds.
const (
	MoveTo SegmentOp = iota
	LineTo
	QuadTo
	CubeTo
)

// Outline returns a glyph's outline and its advance width, in font units.
// A glyph without an outline (a space, or a bitmap-only glyph) has none.
func (l *Library) Outline(fontID int, gid uint16) (segs []Segment, advance float64) {
	sh := l.pool.Get().(*shaper)
	defer l.pool.Put(sh)
	face := sh.faces[fontID]
	advance = float64(face.HorizontalAdvance(font.GID(gid)))
	o, ok := face.GlyphData(font.GID(gid)).(font.GlyphOutline)
	if !ok {
		return nil, advance
	}
	segs = make([]Segment, len(o.Segments))
	for i, s := range o.Segments {
		segs[i].Op = SegmentOp(s.Op)
		for j, a := range s.Args {
			segs[i].P[j] = Point{a.X, a.Y}
		}
	}
	return segs, advance
}

// Advance returns a glyph's advance width in font units.
func (l *Library) Advance(fontID int, gid uint16) float64 {
	sh := l.pool.Get().(*shaper)
	defer l.pool.Put(sh)
	return float64(sh.faces[fontID].HorizontalAdvance(font.GID(gid)))
}

// The op values mirror go-text's: a difference fails to compile.
var _ = [1]int{}[int(CubeTo)-int(ot.SegmentOpCubeTo)+int(QuadTo)-int(ot.SegmentOpQuadTo)]
