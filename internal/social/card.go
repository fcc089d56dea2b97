package social

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Card dimensions: LinkedIn's recommended share image, 1.91:1.
const (
	CardWidth  = 1200
	CardHeight = 627
)

// cardVersion changes whenever the drawing changes, so that cached cards
// keyed by Key are redrawn.
const cardVersion = "card-1"

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
	Title    string
	Series   string // empty if none
	Part     int    // 1-based, 0 if none
	Parts    int    // 0 if unknown
	SiteName string // empty draws no footer
	Colors   Colors
}

// Key returns a hex digest of everything that decides the card's bytes,
// including the drawing code's version: the cache key for a drawn card.
func (c CardInput) Key() string {
	h := sha256.New()
	for _, s := range [...]string{cardVersion, c.Title, c.Series, c.SiteName} {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	cs := c.Colors.withDefaults()
	fmt.Fprintf(h, "%d/%d %v %v %v %v", c.Part, c.Parts, cs.Background, cs.Title, cs.Accent, cs.Muted)
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
func layout(c CardInput) (cardLayout, error) {
	faces, err := typefaces()
	if err != nil {
		return cardLayout{}, err
	}
	bold, regular := faces[0], faces[1]
	var buf sfnt.Buffer
	l := cardLayout{ruleTop: -1}

	top := marginTop
	if s := seriesText(c); s != "" {
		l.series.block, err = fit(bold, &buf, s, 28, 18, safeWidth, 2*28*1.25, 1.25)
		if err != nil {
			return cardLayout{}, fmt.Errorf("lay out card series %q: %w", s, err)
		}
		l.series.top = top
		top += l.series.height + seriesGap
	}
	bottom := CardHeight - marginBottom
	if c.SiteName != "" {
		l.site.block, err = fit(regular, &buf, c.SiteName, 30, 18, safeWidth, 30*1.3, 1.2)
		if err != nil {
			return cardLayout{}, fmt.Errorf("lay out card site name: %w", err)
		}
		l.site.top = bottom - l.site.height
		l.ruleTop = l.site.top - ruleGap - ruleHeight
		bottom = l.ruleTop - footerGap
	}
	title := strings.Join(strings.Fields(c.Title), " ")
	if title == "" {
		return cardLayout{}, fmt.Errorf("lay out card: empty title")
	}
	l.title.block, err = fit(bold, &buf, title, 76, 28, safeWidth, bottom-top, 1.16)
	if err != nil {
		return cardLayout{}, fmt.Errorf("lay out card title: %w", err)
	}
	l.title.top = top + (bottom-top-l.title.height)/2
	return l, nil
}

// seriesText is the series line: "Managing Up · Part 2 of 5".
func seriesText(c CardInput) string {
	s := strings.Join(strings.Fields(c.Series), " ")
	if s == "" {
		return ""
	}
	switch {
	case c.Part > 0 && c.Parts >= c.Part:
		s += " · Part " + strconv.Itoa(c.Part) + " of " + strconv.Itoa(c.Parts)
	case c.Part > 0:
		s += " · Part " + strconv.Itoa(c.Part)
	}
	return s
}

// Card draws the share card as a CardWidth×CardHeight PNG with a Painter
// of its own; a build drawing many cards shares one Painter instead.
func Card(c CardInput) ([]byte, error) {
	var p Painter
	return p.Card(c)
}

// Painter draws share cards, reusing its canvas and PNG encoder buffers
// from one card to the next (about 2 MB a card otherwise). The zero value
// is ready to use; it is safe for concurrent use and must not be copied
// after first use.
type Painter struct {
	canvases sync.Pool // *image.Paletted, CardWidth×CardHeight
	encoders pngPool
}

// pngPool is a png.EncoderBufferPool backed by a sync.Pool.
type pngPool struct{ p sync.Pool }

func (pp *pngPool) Get() *png.EncoderBuffer {
	b, _ := pp.p.Get().(*png.EncoderBuffer)
	return b // nil makes the encoder allocate one, which Put then keeps
}

func (pp *pngPool) Put(b *png.EncoderBuffer) { pp.p.Put(b) }

// Card draws the share card as a CardWidth×CardHeight PNG: deterministic
// bytes for the same input, well under LinkedIn's limits (about 15–50 KB).
// The title is wrapped at spaces and shrunk to fit, never cut; a title that
// cannot fit even at 6 pixels is an error.
//
// The image is paletted: every pixel is the background or one of the three
// inks blended into it at one of 63 coverage levels, so anti-aliasing is
// kept while the PNG stays small and quick to encode.
func (pt *Painter) Card(c CardInput) ([]byte, error) {
	l, err := layout(c)
	if err != nil {
		return nil, fmt.Errorf("draw card: %w", err)
	}
	cs := c.Colors.withDefaults()
	img, _ := pt.canvases.Get().(*image.Paletted)
	if img == nil {
		img = image.NewPaletted(image.Rect(0, 0, CardWidth, CardHeight), nil)
	} else {
		clear(img.Pix)
	}
	defer pt.canvases.Put(img)
	img.Palette = palette(cs)
	// Index 0, the background, is the zero value: the canvas starts filled.
	fillRect(img, 0, 0, stripeWidth, CardHeight, inkIndex(inkAccent, levels))
	if l.series.lines != nil {
		if err := drawBlock(img, l.series, inkAccent); err != nil {
			return nil, err
		}
	}
	if err := drawBlock(img, l.title, inkTitle); err != nil {
		return nil, err
	}
	if l.ruleTop >= 0 {
		y := int(l.ruleTop)
		fillRect(img, int(marginX), y, int(marginX)+ruleWidth, y+ruleHeight, inkIndex(inkAccent, levels))
		if err := drawBlock(img, l.site, inkMuted); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	out.Grow(64 << 10)
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pt.encoders}
	if err := enc.Encode(&out, img); err != nil {
		return nil, fmt.Errorf("encode card png: %w", err)
	}
	return out.Bytes(), nil
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

// drawBlock rasterizes each glyph at the position layout computed (so what
// is drawn is exactly what was measured) and writes its coverage as palette
// indices of the ink.
func drawBlock(img *image.Paletted, p placed, ink int) error {
	face, err := opentype.NewFace(p.face.f, &opentype.FaceOptions{Size: p.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return fmt.Errorf("draw card text: %w", err)
	}
	defer face.Close()
	var buf sfnt.Buffer
	scale := p.size / p.face.upem
	for i, line := range p.lines {
		y := p.top + p.ascent + float64(i)*p.lineHeight
		units := 0.0
		for _, r := range line {
			dot := fixed.Point26_6{X: toFixed(marginX + units*scale), Y: toFixed(y)}
			units += float64(p.face.advance(&buf, r))
			if r == ' ' {
				continue
			}
			dr, mask, mp, _, ok := face.Glyph(dot, r)
			if mask == nil {
				continue // not even a "missing glyph" box: nothing to draw
			}
			_ = ok // ok is false for a character the font lacks; its box is drawn
			alpha, isAlpha := mask.(*image.Alpha)
			if !isAlpha {
				return fmt.Errorf("draw card text: unexpected glyph mask %T", mask)
			}
			composite(img, dr, alpha, mp, ink)
		}
	}
	return nil
}

func toFixed(x float64) fixed.Int26_6 { return fixed.Int26_6(x*64 + 0.5) }

// composite writes a glyph's coverage into img as the ink's level, keeping
// the higher level where glyphs of the same ink touch.
func composite(img *image.Paletted, dr image.Rectangle, mask *image.Alpha, mp image.Point, ink int) {
	r := dr.Intersect(img.Rect)
	first, last := inkIndex(ink, 1), inkIndex(ink, levels)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		m := mask.Pix[(mp.Y+y-dr.Min.Y)*mask.Stride+mp.X+r.Min.X-dr.Min.X:]
		row := img.Pix[y*img.Stride+r.Min.X : y*img.Stride+r.Max.X]
		for x := range row {
			lv := (int(m[x])*levels + 127) / 255
			if lv == 0 {
				continue
			}
			idx := first + uint8(lv-1)
			if cur := row[x]; cur < first || cur > last || cur < idx {
				row[x] = idx
			}
		}
	}
}
