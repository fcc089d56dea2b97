package social

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"
	"sync/atomic"

	"github.com/peeplcoach/folio/internal/fonts"
	"golang.org/x/image/vector"
)

// Card dimensions: LinkedIn's recommended share image, 1.91:1.
const (
	CardWidth  = 1200
	CardHeight = 627
)

// cardVersion changes whenever the drawing changes, so that cached cards
// keyed by Key are redrawn.
const cardVersion = "card-3"

// Colors are a card's colours; a zero (fully transparent) field takes the
// default: a dark navy background with warm off-white and amber.
type Colors struct {
	Background color.RGBA // default #1F2A44
	Title      color.RGBA // default #F7F3EA
	Accent     color.RGBA // series line, edge stripe and rule; default #E8A352
	Muted      color.RGBA // site name; default #AEB8CC
}

// CardInput is everything drawn on a share card.
type CardInput struct {
	Title string
	// Series is the series line above the title, worded by the caller with
	// i18n's SeriesLine, the same words as the page, feeds and post: "Part 2
	// of 5 in the series “Managing Up”". Empty if none.
	Series   string
	SiteName string // empty draws no footer
	Colors   Colors
}

// Key returns a hex digest of everything that decides the card's bytes when
// drawn with the bundled fonts, including the drawing code's version; see
// Painter.Key for a painter with a site's fonts.
func (c CardInput) Key() string { return c.key("") }

func (c CardInput) key(fontsKey string) string {
	h := sha256.New()
	for _, s := range [...]string{cardVersion, fontsKey, c.Title, c.Series, c.SiteName} {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	cs := c.Colors.withDefaults()
	fmt.Fprintf(h, "%v %v %v %v", cs.Background, cs.Title, cs.Accent, cs.Muted)
	return hex.EncodeToString(h.Sum(nil))
}

func (cs Colors) withDefaults() Colors {
	or := func(c, d color.RGBA) color.RGBA {
		if c.A == 0 {
			return d
		}
		c.A = 255 // the card is opaque: a translucent colour has nothing to show through
		return c
	}
	return Colors{
		Background: or(cs.Background, color.RGBA{0x1F, 0x2A, 0x44, 0xFF}),
		Title:      or(cs.Title, color.RGBA{0xF7, 0xF3, 0xEA, 0xFF}),
		Accent:     or(cs.Accent, color.RGBA{0xE8, 0xA3, 0x52, 0xFF}),
		Muted:      or(cs.Muted, color.RGBA{0xAE, 0xB8, 0xCC, 0xFF}),
	}
}

// The card's grid, in pixels.
const (
	marginX      = 96.0 // left and right of all text
	marginTop    = 72.0
	marginBottom = 72.0
	stripeWidth  = 14 // the accent stripe on the left edge
	safeWidth    = CardWidth - 2*marginX
	seriesGap    = 36.0 // series line to the title area
	footerGap    = 48.0 // title area to the rule above the site name
	ruleWidth    = 72
	ruleHeight   = 6
	ruleGap      = 22.0 // rule to the site name's top
)

// placed is a laid-out block with the y of its top edge.
type placed struct {
	block
	top float64
}

// cardLayout is where each piece of text goes.
type cardLayout struct {
	series, title, site placed
	ruleTop             float64 // -1 without a footer
}

// layout places the text: the series line at the top, the site name at the
// bottom above-ruled, and the title centred in between in the largest size
// that fits.
func layout(lib *fonts.Library, c CardInput) (cardLayout, error) {
	l := cardLayout{ruleTop: -1}
	var err error
	top := marginTop
	if s := oneSpaced(c.Series); s != "" {
		l.series.block, err = fit(lib, fonts.Bold, s, 28, 18, safeWidth, 2*28*1.25, 1.25)
		if err != nil {
			return cardLayout{}, fmt.Errorf("lay out card series %q: %w", s, err)
		}
		l.series.top = top
		top += l.series.height + seriesGap
	}
	bottom := CardHeight - marginBottom
	if s := oneSpaced(c.SiteName); s != "" {
		l.site.block, err = fit(lib, fonts.Regular, s, 30, 18, safeWidth, 30*1.3, 1.2)
		if err != nil {
			return cardLayout{}, fmt.Errorf("lay out card site name: %w", err)
		}
		l.site.top = bottom - l.site.height
		l.ruleTop = l.site.top - ruleGap - ruleHeight
		bottom = l.ruleTop - footerGap
	}
	title := oneSpaced(c.Title)
	if title == "" {
		return cardLayout{}, fmt.Errorf("lay out card: empty title")
	}
	l.title.block, err = fit(lib, fonts.Bold, title, 76, 28, safeWidth, bottom-top, 1.16)
	if err != nil {
		return cardLayout{}, fmt.Errorf("lay out card title: %w", err)
	}
	l.title.top = top + (bottom-top-l.title.height)/2
	return l, nil
}

// Card draws the share card as a CardWidth×CardHeight PNG with a Painter
// of its own and the bundled fonts; a build drawing many cards shares one
// Painter instead.
func Card(c CardInput) ([]byte, error) {
	var p Painter
	return p.Card(c)
}

// Painter draws share cards, reusing its canvas, PNG encoder buffers and
// glyph outlines from one card to the next. The zero value draws with the
// bundled fonts; NewPainter takes a site's. It is safe for concurrent use
// and must not be copied after first use.
type Painter struct {
	lib      *fonts.Library // nil: the bundled fonts
	canvases sync.Pool      // *canvas, CardWidth×CardHeight
	glyphs   sync.Map       // maskKey → *glyphMask: every glyph drawn so far
	nglyphs  atomic.Int64
	runs     sync.Map // int → *zeroRun: compressed runs of k repeated rows
}

// NewPainter returns a painter drawing text with lib's fonts.
func NewPainter(lib *fonts.Library) *Painter { return &Painter{lib: lib} }

// defaultFonts is the bundled fonts, parsed once for every painter without
// fonts of its own.
var defaultFonts = sync.OnceValues(fonts.Default)

func (pt *Painter) fonts() (*fonts.Library, error) {
	if pt.lib != nil {
		return pt.lib, nil
	}
	return defaultFonts()
}

// Key returns the cache key of the card c drawn by this painter: Key with
// the painter's fonts.
func (pt *Painter) Key(c CardInput) string {
	if pt.lib == nil {
		return c.Key()
	}
	return c.key(pt.lib.Key())
}

// Missing returns the characters of the card's texts no font of the painter
// can draw (they show as boxes), for a warning.
func (pt *Painter) Missing(c CardInput) ([]rune, error) {
	lib, err := pt.fonts()
	if err != nil {
		return nil, err
	}
	out := lib.Missing(c.Title, fonts.Bold)
	out = append(out, lib.Missing(c.Series, fonts.Bold)...)
	return append(out, lib.Missing(c.SiteName, fonts.Regular)...), nil
}

// Card draws the share card as a CardWidth×CardHeight PNG: deterministic
// bytes for the same input, well under LinkedIn's limits (about 15–50 KB).
// The title is wrapped at spaces and shrunk to fit, never cut; a title that
// cannot fit even at 6 pixels is an error.
//
// The image is paletted: every pixel is the background or one of the three
// inks blended into it at one of 63 coverage levels, so anti-aliasing is
// kept while the PNG stays small and quick to encode.
func (pt *Painter) Card(c CardInput) ([]byte, error) {
	cv, err := pt.paint(c)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(48 << 10)
	pt.encodePNG(&out, cv.Paletted)
	pt.canvases.Put(cv)
	return out.Bytes(), nil
}

// canvas is a card's image with the rows drawn on besides the stripe, lo
// to hi: the rest is background and the stripe, which every card draws in
// the same palette index, so a reused canvas clears only those rows.
type canvas struct {
	*image.Paletted
	lo, hi int
}

// paint draws the card on a canvas from the painter's pool, which the
// caller puts back.
func (pt *Painter) paint(c CardInput) (*canvas, error) {
	lib, err := pt.fonts()
	if err != nil {
		return nil, fmt.Errorf("draw card: %w", err)
	}
	l, err := layout(lib, c)
	if err != nil {
		return nil, fmt.Errorf("draw card: %w", err)
	}
	cs := c.Colors.withDefaults()
	cv, _ := pt.canvases.Get().(*canvas)
	if cv == nil {
		cv = &canvas{Paletted: image.NewPaletted(image.Rect(0, 0, CardWidth, CardHeight), nil)}
	} else {
		clear(cv.Pix[cv.lo*cv.Stride : cv.hi*cv.Stride])
	}
	cv.lo, cv.hi = CardHeight, 0
	drawn := func(lo, hi int) { cv.lo, cv.hi = min(cv.lo, lo), max(cv.hi, hi) }
	img := cv.Paletted
	img.Palette = palette(cs)
	// Index 0, the background, is the zero value: the canvas starts filled.
	fillRect(img, 0, 0, stripeWidth, CardHeight, inkIndex(inkAccent, levels))
	if l.series.lines != nil {
		drawn(pt.drawBlock(lib, img, l.series, inkAccent))
	}
	drawn(pt.drawBlock(lib, img, l.title, inkTitle))
	if l.ruleTop >= 0 {
		y := int(l.ruleTop)
		x := int(marginX)
		if l.site.rtl {
			x = CardWidth - int(marginX) - ruleWidth
		}
		fillRect(img, x, y, x+ruleWidth, y+ruleHeight, inkIndex(inkAccent, levels))
		drawn(max(y, 0), min(y+ruleHeight, CardHeight))
		drawn(pt.drawBlock(lib, img, l.site, inkMuted))
	}
	cv.hi = max(cv.hi, cv.lo)
	return cv, nil
}

// Inks and coverage levels of the palette.
const (
	inkTitle = iota
	inkAccent
	inkMuted
	levels = 63 // coverage levels per ink; 1 + 3×63 = 190 palette entries
)

func inkIndex(ink, level int) uint8 { return uint8(1 + ink*levels + level - 1) }

// palette is the background followed by each ink at each coverage level,
// blended over the background.
func palette(cs Colors) color.Palette {
	p := make(color.Palette, 1, 1+3*levels)
	p[0] = cs.Background
	bg := cs.Background
	for _, ink := range [...]color.RGBA{cs.Title, cs.Accent, cs.Muted} {
		for lv := 1; lv <= levels; lv++ {
			mix := func(a, b uint8) uint8 { return uint8((int(a)*(levels-lv) + int(b)*lv + levels/2) / levels) }
			p = append(p, color.RGBA{mix(bg.R, ink.R), mix(bg.G, ink.G), mix(bg.B, ink.B), 0xFF})
		}
	}
	return p
}

func fillRect(img *image.Paletted, x0, y0, x1, y1 int, idx uint8) {
	r := image.Rect(x0, y0, x1, y1).Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[y*img.Stride+r.Min.X : y*img.Stride+r.Max.X]
		for i := range row {
			row[i] = idx
		}
	}
}

// glyphMask is a glyph's coverage at one size and horizontal phase, with
// the offset of its top left from the pen position on the baseline.
type glyphMask struct {
	// level is the ink level (0 for none) of each pixel of a w×h box,
	// row by row; nil for a glyph without outline.
	level []uint8
	// span is each row's first and last+1 column with ink, so drawing
	// skips the box's empty corners.
	span   [][2]int32
	w, h   int
	dx, dy int
}

// maskKey names a glyph drawn at a size with its origin at a quarter-pixel
// phase: a card's titles come in a few sizes and reuse their letters, so a
// build draws most glyphs once.
type maskKey struct {
	font  int
	id    uint16
	size  float32
	phase uint8 // quarter pixels
}

// maxMasks bounds the glyph masks a painter keeps (a few KB each).
const maxMasks = 1 << 15

// mask returns the coverage of a glyph, made on first use.
func (pt *Painter) mask(lib *fonts.Library, k maskKey) *glyphMask {
	if m, ok := pt.glyphs.Load(k); ok {
		return m.(*glyphMask)
	}
	segs, _ := lib.Outline(k.font, k.id)
	m := rasterize(segs, float32(float64(k.size)/lib.Fonts()[k.font].Upem), float32(k.phase)/4)
	if pt.nglyphs.Add(1) > maxMasks {
		return m
	}
	v, _ := pt.glyphs.LoadOrStore(k, m)
	return v.(*glyphMask)
}

// rasterize draws an outline (font units, y up) scaled by scale with its
// origin at (phase, 0) of a pixel grid, y down.
func rasterize(segs []fonts.Segment, scale, phase float32) *glyphMask {
	if len(segs) == 0 {
		return &glyphMask{}
	}
	// The control points bound the curve.
	minX, minY, maxX, maxY := float32(math.MaxFloat32), float32(math.MaxFloat32), float32(-math.MaxFloat32), float32(-math.MaxFloat32)
	for _, s := range segs {
		n := [...]int{1, 1, 2, 3}[s.Op]
		for _, q := range s.P[:n] {
			x, y := phase+q.X*scale, -q.Y*scale
			minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
		}
	}
	x0, y0 := int(math.Floor(float64(minX)))-1, int(math.Floor(float64(minY)))-1
	w, h := int(math.Ceil(float64(maxX)))+1-x0, int(math.Ceil(float64(maxY)))+1-y0
	var z vector.Rasterizer
	z.Reset(w, h)
	z.DrawOp = draw.Src
	ox, oy := phase-float32(x0), -float32(y0)
	at := func(q fonts.Point) (float32, float32) { return ox + q.X*scale, oy - q.Y*scale }
	for _, s := range segs {
		switch s.Op {
		case fonts.MoveTo:
			z.ClosePath()
			z.MoveTo(at(s.P[0]))
		case fonts.LineTo:
			z.LineTo(at(s.P[0]))
		case fonts.QuadTo:
			ax, ay := at(s.P[0])
			bx, by := at(s.P[1])
			z.QuadTo(ax, ay, bx, by)
		case fonts.CubeTo:
			ax, ay := at(s.P[0])
			bx, by := at(s.P[1])
			cx, cy := at(s.P[2])
			z.CubeTo(ax, ay, bx, by, cx, cy)
		}
	}
	z.ClosePath()
	// A fresh image: its rows are contiguous, as the rasterizer's fast path
	// needs.
	a := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(a, a.Rect, image.Opaque, image.Point{})
	m := &glyphMask{level: a.Pix, span: make([][2]int32, h), w: w, h: h, dx: x0, dy: y0}
	for y := range h {
		row := m.level[y*w : (y+1)*w]
		first, last := w, 0
		for x, c := range row {
			row[x] = coverageLevel[c]
			if row[x] != 0 {
				first, last = min(first, x), x+1
			}
		}
		m.span[y] = [2]int32{int32(first), int32(last)}
	}
	return m
}

// drawBlock draws each line of p, each glyph's coverage at the position the
// layout computed (so what is drawn is what was measured), as palette
// indices of the ink. It returns the rows it drew on, lo to hi.
func (pt *Painter) drawBlock(lib *fonts.Library, img *image.Paletted, p placed, ink int) (lo, hi int) {
	lo, hi = CardHeight, 0
	for i, line := range p.lines {
		// Baselines on whole pixels; pen positions to a quarter pixel.
		baseline := int(math.Round(p.top + p.ascent + float64(i)*p.lineHeight))
		x0 := marginX
		if p.rtl {
			x0 = CardWidth - marginX - line.Width
		}
		for _, g := range line.Glyphs {
			x := x0 + g.X
			ix := math.Floor(x)
			phase := uint8(math.Round((x - ix) * 4))
			if phase == 4 {
				ix, phase = ix+1, 0
			}
			m := pt.mask(lib, maskKey{font: g.Font, id: g.ID, size: float32(p.size), phase: phase})
			if m.level == nil {
				continue
			}
			gx, gy := int(ix)+m.dx, baseline-int(math.Round(g.Y))+m.dy
			composite(img, gx, gy, m, ink)
			lo, hi = min(lo, max(gy, 0)), max(hi, min(gy+m.h, CardHeight))
		}
	}
	return lo, hi
}

// coverageLevel is the ink level of each coverage value, 0 for none.
var coverageLevel = func() (lut [256]uint8) {
	for m := range lut {
		lut[m] = uint8((m*levels + 127) / 255)
	}
	return lut
}()

// composite writes a glyph's levels into img with its box's top left at
// (gx, gy), as the ink's palette indices, keeping the higher level where
// glyphs of the same ink touch.
func composite(img *image.Paletted, gx, gy int, m *glyphMask, ink int) {
	first, last := inkIndex(ink, 1), inkIndex(ink, levels)
	b := img.Rect
	for y := max(0, b.Min.Y-gy); y < min(m.h, b.Max.Y-gy); y++ {
		// The row's inked columns, clipped to the image.
		x0 := max(int(m.span[y][0]), b.Min.X-gx)
		x1 := min(int(m.span[y][1]), b.Max.X-gx)
		if x0 >= x1 {
			continue
		}
		src := m.level[y*m.w+x0 : y*m.w+x1]
		off := (gy+y-b.Min.Y)*img.Stride + gx + x0 - b.Min.X
		dst := img.Pix[off : off+len(src)]
		for x, lv := range src {
			if lv == 0 {
				continue
			}
			idx := first + lv - 1
			if cur := dst[x]; cur < first || cur > last || cur < idx {
				dst[x] = idx
			}
		}
	}
}
