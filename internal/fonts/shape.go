package fonts

import (
	"math"
	"slices"
	"strings"
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
type Paragraph struct {
	lib   *Library
	words []*word // in logical order; a space stands between two words
	space *word
	rtl   bool // base direction
}

// Shape shapes s, one line of text (callers collapse tabs and newlines to
// spaces first), in the given style, choosing for each character the first
// font of the chain that has it.
//
// Text is shaped a word (a run between spaces) at a time, and each word's
// shaping is kept for the library's life: a build's checklists and cards
// share most of their words, so most words are shaped once per build.
// Nothing is lost: OpenType features (ligatures, kerning, Arabic joining)
// act within words, and no script joins across a space.
func (l *Library) Shape(s string, st Style) *Paragraph {
	p := &Paragraph{lib: l}
	runes := []rune(s)
	runes = slices.DeleteFunc(runes, func(r rune) bool { return skinTone(r) && !l.Covers(r, st) })
	p.rtl = baseDirection(runes) == di.DirectionRTL
	start := -1
	for i := 0; i <= len(runes); i++ {
		if i < len(runes) && runes[i] != ' ' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			p.words = append(p.words, l.word(string(runes[start:i]), st))
			start = -1
		}
	}
	p.space = l.word(" ", st)
	return p
}

// RTL reports whether the paragraph reads right to left (its first strong
// character is Arabic, Hebrew…): such text is aligned to the right.
func (p *Paragraph) RTL() bool { return p.rtl }

// Close ends the use of the paragraph. (Shaping state is no longer held
// between Shape and Wrap; Close is kept so callers need not know.)
func (p *Paragraph) Close() {}

// baseDirection is the direction of the first strong character (as HTML's
// dir="auto"): an item in Arabic reads right to left, one in English left to
// right whatever it quotes.
func baseDirection(rs []rune) di.Direction {
	for _, r := range rs {
		switch {
		case isRTL(r):
			return di.DirectionRTL
		case unicode.IsLetter(r):
			return di.DirectionLTR
		}
	}
	return di.DirectionLTR
}

func isRTL(r rune) bool {
	return unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko, unicode.Adlam)
}

// Width returns the paragraph's width on one line at size, in points.
func (p *Paragraph) Width(size float64) float64 {
	var w fixed.Int26_6
	for i, wd := range p.words {
		if i > 0 {
			w += p.space.width
		}
		w += wd.width
	}
	return float64(w) / 64 * size / refSize
}

// word is a shaped word, immutable once made: glyphs in visual order with
// positions from the word's start, at refSize.
type word struct {
	glyphs []wglyph
	width  fixed.Int26_6
	dir    wordDir
	// breaks are the glyph indices a line may break before, in logical
	// order: between CJK characters, which take no spaces; cut lists the
	// starts of clusters, where a word too wide for a line is cut.
	breaks []int
	cut    []int
}

type wglyph struct {
	font int
	id   uint16
	x, y fixed.Int26_6 // offset from the word's start, shaping offsets included
	adv  fixed.Int26_6
	text string
}

type wordDir uint8

const (
	neutral wordDir = iota // punctuation and symbols: takes its neighbours' direction
	ltr
	rtl
	number // digits: left to right, even inside right-to-left text
)

// maxWords bounds the word cache (about 1 KB a word): past it, new words
// are shaped each time, so memory stays flat on any site.
const maxWords = 1 << 16

// word returns the shaping of w, from the cache or made now.
func (l *Library) word(w string, st Style) *word {
	key := wordKey{w, st}
	if v, ok := l.words.Load(key); ok {
		return v.(*word)
	}
	sh := l.pool.Get().(*shaper)
	wd := sh.shapeWord(w, st)
	l.pool.Put(sh)
	if l.nwords.Add(1) <= maxWords {
		v, _ := l.words.LoadOrStore(key, wd)
		return v.(*word)
	}
	return wd
}

type wordKey struct {
	s  string
	st Style
}

// shapeWord shapes one word: split into runs by direction, script and font,
// each run shaped by HarfBuzz, the runs put in visual order.
func (sh *shaper) shapeWord(w string, st Style) *word {
	runes := []rune(w)
	wd := &word{dir: wordDirection(runes)}
	dir := di.DirectionLTR
	if wd.dir == rtl {
		dir = di.DirectionRTL
	}
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: fixed.I(refSize)}
	var runs []shaping.Output
	for _, run := range sh.seg.Split(in, sh.chains[st]) {
		run.Size = fixed.I(refSize)
		runs = append(runs, sh.hb.Shape(run))
	}
	// Visual order of the runs: reverse each stretch of runs against the
	// word's direction, then the whole word if it reads right to left.
	order := make([]int, len(runs))
	for i := range order {
		order[i] = i
	}
	against := func(r shaping.Output) bool { return (r.Direction == di.DirectionRTL) != (dir == di.DirectionRTL) }
	for i := 0; i < len(runs); {
		j := i
		for j < len(runs) && against(runs[j]) {
			j++
		}
		slices.Reverse(order[i:j])
		i = max(j, i+1)
	}
	if dir == di.DirectionRTL {
		slices.Reverse(order)
	}
	var x fixed.Int26_6
	type logical struct{ cluster, glyph int }
	var starts []logical
	for _, ri := range order {
		run := runs[ri]
		id := sh.byFont[run.Face.Font]
		prev := -1
		for _, g := range run.Glyphs {
			gl := wglyph{font: id, id: uint16(g.GlyphID), x: x + g.XOffset, y: g.YOffset, adv: g.Advance}
			if g.ClusterIndex != prev {
				end := min(g.ClusterIndex+max(g.RuneCount, 1), len(runes))
				gl.text = string(runes[g.ClusterIndex:end])
				prev = g.ClusterIndex
				starts = append(starts, logical{g.ClusterIndex, len(wd.glyphs)})
			}
			x += g.Advance
			wd.glyphs = append(wd.glyphs, gl)
		}
	}
	wd.width = x
	if wd.dir != rtl {
		// Left to right, glyph order is logical order: clusters can be cut
		// and CJK characters broken between.
		for k, s := range starts {
			if k == 0 {
				continue
			}
			wd.cut = append(wd.cut, s.glyph)
			prev := runes[starts[k-1].cluster]
			if breakBetween(prev, runes[s.cluster]) {
				wd.breaks = append(wd.breaks, s.glyph)
			}
		}
	}
	return wd
}

// wordDirection is the direction of a word's first strong character; a
// word of digits is a number, one of punctuation neutral.
func wordDirection(rs []rune) wordDir {
	digits := false
	for _, r := range rs {
		switch {
		case isRTL(r):
			return rtl
		case unicode.IsLetter(r):
			return ltr
		case unicode.IsDigit(r):
			digits = true
		}
	}
	if digits {
		return number
	}
	return neutral
}

// breakBetween reports whether a line may break between a and b inside a
// word: around CJK ideographs and kana, except before closing punctuation
// or after opening punctuation (the basic kinsoku rules).
func breakBetween(a, b rune) bool {
	if !cjk(a) && !cjk(b) {
		return false
	}
	return !strings.ContainsRune("、。，．・：；？！）」』】〕〉》”’ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ", b) &&
		!strings.ContainsRune("（「『【〔〈《“‘", a)
}

func cjk(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// piece is a part of a word on a line: glyphs [from, to) of the word.
type piece struct {
	w        *word
	from, to int
	width    fixed.Int26_6
	glued    bool // no space before it: it continues the word before
}

// Wrap breaks the paragraph into lines at most width points wide at the
// given size: at spaces, between CJK characters, and between the
// characters of a word only when the word alone is wider than a line.
// Right-to-left words are ordered as the Unicode bidirectional algorithm
// orders them, a word being the unit.
func (p *Paragraph) Wrap(size, width float64) []Line {
	if len(p.words) == 0 {
		return nil
	}
	limit := fixed.Int26_6(min(width*refSize/size*64, math.MaxInt32/2))
	var lines [][]piece
	var cur []piece
	var w fixed.Int26_6
	add := func(pc piece) {
		gap := fixed.Int26_6(0)
		if len(cur) > 0 && !pc.glued {
			gap = p.space.width
		}
		if len(cur) > 0 && w+gap+pc.width > limit {
			lines = append(lines, cur)
			cur, w, gap = nil, 0, 0
		}
		cur = append(cur, pc)
		w += gap + pc.width
	}
	for _, wd := range p.words {
		for k, pc := range wd.pieces(wd.breaks) {
			pc.glued = k > 0
			if pc.width <= limit {
				add(pc)
				continue
			}
			// Wider than a line: cut between clusters, as many per line as fit.
			for j, c := range wd.split(pc, limit) {
				c.glued = pc.glued || j > 0
				add(c)
			}
		}
	}
	lines = append(lines, cur)
	k := size / refSize / 64
	out := make([]Line, 0, len(lines))
	for _, ln := range lines {
		out = append(out, p.render(ln, k))
	}
	return out
}

// pieces cuts a word at the given glyph indices.
func (wd *word) pieces(at []int) []piece {
	if len(at) == 0 {
		return []piece{{w: wd, from: 0, to: len(wd.glyphs), width: wd.width}}
	}
	// at may be the word's own breaks, shared by every goroutine: read it,
	// never append to it.
	out := make([]piece, 0, len(at)+1)
	from := 0
	for k := 0; k <= len(at); k++ {
		i := len(wd.glyphs)
		if k < len(at) {
			i = at[k]
		}
		if i > from {
			out = append(out, piece{w: wd, from: from, to: i, width: wd.span(from, i)})
			from = i
		}
	}
	return out
}

// span is the advance of glyphs [from, to).
func (wd *word) span(from, to int) fixed.Int26_6 {
	var w fixed.Int26_6
	for _, g := range wd.glyphs[from:to] {
		w += g.adv
	}
	return w
}

// split cuts a piece wider than limit between clusters; a right-to-left
// word is not cut (its glyphs are in visual order) and may overflow.
func (wd *word) split(pc piece, limit fixed.Int26_6) []piece {
	var cuts []int
	var w fixed.Int26_6
	start := pc.from
	for _, c := range wd.cut {
		if c <= pc.from || c >= pc.to {
			continue
		}
		if seg := wd.span(start, c); w+seg > limit && w > 0 {
			cuts = append(cuts, start)
			w = 0
		}
		w += wd.span(start, c)
		start = c
	}
	if len(cuts) == 0 {
		return []piece{pc}
	}
	// The pieces of pc between the cuts.
	out := make([]piece, 0, len(cuts)+1)
	from := pc.from
	for _, c := range append(cuts, pc.to) { // cuts is this call's own slice
		if c > from {
			out = append(out, piece{w: wd, from: from, to: c, width: wd.span(from, c)})
			from = c
		}
	}
	return out
}

// render places a line's pieces in visual order and returns its glyphs.
func (p *Paragraph) render(ln []piece, k float64) Line {
	n := len(ln)
	for _, pc := range ln {
		n += pc.to - pc.from
	}
	out := Line{Glyphs: make([]Glyph, 0, n)}
	order := make([]int, len(ln))
	for i := range order {
		order[i] = i
	}
	if p.rtl || slices.ContainsFunc(ln, func(pc piece) bool { return pc.w.dir == rtl }) {
		p.reorder(ln, order)
	}
	var x fixed.Int26_6
	for vi, idx := range order {
		pc := ln[idx]
		if vi > 0 {
			// A space between two pieces unless they are parts of one word
			// next to each other.
			prevIdx := order[vi-1]
			glued := (idx == prevIdx+1 && pc.glued) || (prevIdx == idx+1 && ln[prevIdx].glued)
			if !glued {
				for _, g := range p.space.glyphs {
					out.Glyphs = append(out.Glyphs, Glyph{Font: g.font, ID: g.id, X: float64(x+g.x) * k, Advance: float64(g.adv) * k, Text: g.text})
				}
				x += p.space.width
			}
		}
		origin := pc.w.span(0, pc.from)
		for _, g := range pc.w.glyphs[pc.from:pc.to] {
			out.Glyphs = append(out.Glyphs, Glyph{Font: g.font, ID: g.id, X: float64(x+g.x-origin) * k, Y: float64(g.y) * k, Advance: float64(g.adv) * k, Text: g.text})
		}
		x += pc.width
	}
	out.Width = float64(x) * k
	return out
}

// reorder puts the pieces of a line holding right-to-left text in visual
// order: order holds piece indices, logical order on entry.
func (p *Paragraph) reorder(ln []piece, order []int) {
	// Bidi levels, a piece being the unit: right-to-left pieces are odd;
	// in a right-to-left paragraph, left-to-right words and numbers are 2.
	levels := make([]int, len(ln))
	for i, pc := range ln {
		switch pc.w.dir {
		case rtl:
			levels[i] = 1
		case ltr:
			levels[i] = 0
			if p.rtl {
				levels[i] = 2
			}
		case number:
			levels[i] = 0
			if p.rtl || i > 0 && ln[i-1].w.dir == rtl {
				levels[i] = 2
			}
		default:
			levels[i] = -1
		}
	}
	base := 0
	if p.rtl {
		base = 1
	}
	for i := range levels {
		if levels[i] >= 0 {
			continue
		}
		// A neutral takes the level of its neighbours when they agree, else the base.
		prev, next := base, base
		if i > 0 && levels[i-1] >= 0 {
			prev = levels[i-1]
		}
		for j := i + 1; j < len(levels); j++ {
			if levels[j] >= 0 {
				next = levels[j]
				break
			}
		}
		if prev == next {
			levels[i] = prev
		} else {
			levels[i] = base
		}
	}
	// Rule L2: from the highest level down to 1, reverse every run at that
	// level or above.
	for lv := 2; lv >= 1; lv-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lv {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lv {
				j++
			}
			slices.Reverse(order[i:j])
			i = j
		}
	}
}

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
