package pdf

import (
	"encoding/binary"
	"math"
	"slices"

	"github.com/peeplcoach/folio/internal/fonts"
)

// A sheet embeds, for each font it uses, a TrueType program of only the
// glyphs it shows, built from the glyphs' outlines: quadratic outlines are
// copied, cubic ones (CFF fonts such as Noto Sans CJK) are approximated by
// quadratic pieces well under a thousandth of an em off. One way in serves
// every font format go-text reads (TrueType, CFF, CFF2, collections), the
// program needs no hinting, and glyphs are renumbered 0…n-1 so the tables
// stay as small as the subset.

// glyph is one glyph ready for the glyf table, made once per build.
type glyph struct {
	data    []byte // glyf entry; empty for a glyph without outline
	advance uint16 // font units
	lsb     int16
	points  int
	contour int
	bbox    [4]int16
}

// glyphKey names a glyph of a font of the library.
type glyphKey struct {
	font int
	id   uint16
}

// encodeGlyph converts an outline into a TrueType simple glyph.
func encodeGlyph(segs []fonts.Segment, advance float64) glyph {
	g := glyph{advance: uint16(math.Round(max(advance, 0)))}
	type pt struct {
		x, y int16
		on   bool
	}
	var pts []pt
	var ends []uint16
	var cur fonts.Point
	closeContour := func() {
		if len(pts) == 0 || (len(ends) > 0 && int(ends[len(ends)-1]) == len(pts)-1) {
			return
		}
		first := 0
		if len(ends) > 0 {
			first = int(ends[len(ends)-1]) + 1
		}
		// A closing point on the first one is implied by TrueType.
		if n := len(pts); n-first > 1 && pts[n-1].on && pts[n-1].x == pts[first].x && pts[n-1].y == pts[first].y {
			pts = pts[:n-1]
		}
		if len(pts)-first < 2 { // a lone point draws nothing
			pts = pts[:first]
			return
		}
		ends = append(ends, uint16(len(pts)-1))
	}
	round := func(p fonts.Point) pt {
		return pt{int16(math.Round(float64(p.X))), int16(math.Round(float64(p.Y))), true}
	}
	for _, s := range segs {
		switch s.Op {
		case fonts.MoveTo:
			closeContour()
			cur = s.P[0]
			pts = append(pts, round(cur))
		case fonts.LineTo:
			cur = s.P[0]
			pts = append(pts, round(cur))
		case fonts.QuadTo:
			c := round(s.P[0])
			c.on = false
			pts = append(pts, c, round(s.P[1]))
			cur = s.P[1]
		case fonts.CubeTo:
			for _, q := range cubicToQuads(cur, s.P[0], s.P[1], s.P[2]) {
				c := round(q[0])
				c.on = false
				pts = append(pts, c, round(q[1]))
			}
			cur = s.P[2]
		}
	}
	closeContour()
	if len(pts) == 0 {
		return g
	}
	g.points, g.contour = len(pts), len(ends)
	bb := [4]int16{math.MaxInt16, math.MaxInt16, math.MinInt16, math.MinInt16}
	for _, p := range pts {
		bb[0], bb[1] = min(bb[0], p.x), min(bb[1], p.y)
		bb[2], bb[3] = max(bb[2], p.x), max(bb[3], p.y)
	}
	g.bbox, g.lsb = bb, bb[0]
	b := make([]byte, 0, 12+2*len(ends)+5*len(pts))
	b = be16(b, uint16(len(ends)))
	for _, v := range bb {
		b = be16(b, uint16(v))
	}
	for _, e := range ends {
		b = be16(b, e)
	}
	b = be16(b, 0) // no instructions
	// Flags, then x deltas, then y deltas; one byte for deltas under 256.
	const onCurve, xShort, yShort, xSame, ySame = 1, 2, 4, 16, 32
	var xs, ys []byte
	px, py := int16(0), int16(0)
	for _, p := range pts {
		var f byte
		if p.on {
			f |= onCurve
		}
		dx, dy := int(p.x)-int(px), int(p.y)-int(py)
		px, py = p.x, p.y
		switch {
		case dx == 0:
			f |= xSame
		case dx > -256 && dx < 256:
			f |= xShort
			if dx > 0 {
				f |= xSame
				xs = append(xs, byte(dx))
			} else {
				xs = append(xs, byte(-dx))
			}
		default:
			xs = be16(xs, uint16(int16(dx)))
		}
		switch {
		case dy == 0:
			f |= ySame
		case dy > -256 && dy < 256:
			f |= yShort
			if dy > 0 {
				f |= ySame
				ys = append(ys, byte(dy))
			} else {
				ys = append(ys, byte(-dy))
			}
		default:
			ys = be16(ys, uint16(int16(dy)))
		}
		b = append(b, f)
	}
	b = append(append(b, xs...), ys...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	g.data = b
	return g
}

// cubicToQuads splits the cubic p0 c1 c2 p3 into quadratic pieces (control,
// end), enough of them that each is within a font unit of the cubic.
func cubicToQuads(p0, c1, c2, p3 fonts.Point) [][2]fonts.Point {
	// The error of one quadratic for a cubic is at most √3/36·|p3−3c2+3c1−p0|,
	// and shrinks with the cube of the number of pieces.
	dx := p3.X - 3*c2.X + 3*c1.X - p0.X
	dy := p3.Y - 3*c2.Y + 3*c1.Y - p0.Y
	e := math.Sqrt(3) / 36 * math.Hypot(float64(dx), float64(dy))
	n := int(math.Ceil(math.Cbrt(e / 0.5)))
	n = min(max(n, 1), 16)
	out := make([][2]fonts.Point, 0, n)
	lerp := func(a, b fonts.Point, t float32) fonts.Point {
		return fonts.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}
	}
	rest := [4]fonts.Point{p0, c1, c2, p3}
	for i := range n {
		// Split the remaining curve at the fraction that leaves n-i-1 pieces.
		t := float32(1) / float32(n-i)
		var piece [4]fonts.Point
		if i == n-1 {
			piece = rest
		} else {
			a, b, c := lerp(rest[0], rest[1], t), lerp(rest[1], rest[2], t), lerp(rest[2], rest[3], t)
			d, e := lerp(a, b, t), lerp(b, c, t)
			m := lerp(d, e, t)
			piece = [4]fonts.Point{rest[0], a, d, m}
			rest = [4]fonts.Point{m, e, c, rest[3]}
		}
		q := fonts.Point{
			X: (3*(piece[1].X+piece[2].X) - (piece[0].X + piece[3].X)) / 4,
			Y: (3*(piece[1].Y+piece[2].Y) - (piece[0].Y + piece[3].Y)) / 4,
		}
		out = append(out, [2]fonts.Point{q, piece[3]})
	}
	return out
}

func be16(b []byte, v uint16) []byte { return append(b, byte(v>>8), byte(v)) }
func be32(b []byte, v uint32) []byte {
	return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

// buildTrueType assembles a font program of glyphs, renumbered in order.
func buildTrueType(f *fonts.Font, glyphs []*glyph) []byte {
	n := len(glyphs)
	var glyf, loca, hmtx []byte
	loca = make([]byte, 0, 4*(n+1))
	hmtx = make([]byte, 0, 4*n)
	maxPts, maxCont := 0, 0
	advMax, minLSB := uint16(0), int16(math.MaxInt16)
	bb := [4]int16{math.MaxInt16, math.MaxInt16, math.MinInt16, math.MinInt16}
	for _, g := range glyphs {
		loca = be32(loca, uint32(len(glyf)))
		glyf = append(glyf, g.data...)
		hmtx = be16(be16(hmtx, g.advance), uint16(g.lsb))
		maxPts, maxCont = max(maxPts, g.points), max(maxCont, g.contour)
		advMax = max(advMax, g.advance)
		if len(g.data) > 0 {
			minLSB = min(minLSB, g.lsb)
			bb[0], bb[1] = min(bb[0], g.bbox[0]), min(bb[1], g.bbox[1])
			bb[2], bb[3] = max(bb[2], g.bbox[2]), max(bb[3], g.bbox[3])
		}
	}
	loca = be32(loca, uint32(len(glyf)))
	if bb[0] > bb[2] {
		bb = [4]int16{}
		minLSB = 0
	}
	head := make([]byte, 0, 54)
	head = be32(head, 0x00010000)
	head = be32(head, 0x00010000)
	head = be32(head, 0)          // checkSumAdjustment: not needed by PDF readers
	head = be32(head, 0x5F0F3CF5) // magic
	head = be16(head, 0x000B)
	head = be16(head, uint16(f.Upem))
	head = append(head, make([]byte, 16)...) // created, modified
	for _, v := range bb {
		head = be16(head, uint16(v))
	}
	head = be16(head, 0) // macStyle
	head = be16(head, 8) // lowestRecPPEM
	head = be16(head, 2) // fontDirectionHint
	head = be16(head, 1) // long loca offsets
	head = be16(head, 0) // glyphDataFormat
	hhea := make([]byte, 0, 36)
	hhea = be32(hhea, 0x00010000)
	hhea = be16(hhea, uint16(int16(f.Ascent)))
	hhea = be16(hhea, uint16(int16(-f.Descent)))
	hhea = be16(hhea, 0)
	hhea = be16(hhea, advMax)
	hhea = be16(hhea, uint16(minLSB))
	hhea = be16(hhea, 0) // minRightSideBearing: unused by renderers
	hhea = be16(hhea, uint16(bb[2]))
	hhea = be16(hhea, 1) // caret slope rise
	hhea = append(hhea, make([]byte, 14)...)
	hhea = be16(hhea, uint16(n))
	maxp := make([]byte, 0, 32)
	maxp = be32(maxp, 0x00010000)
	maxp = be16(maxp, uint16(n))
	maxp = be16(maxp, uint16(maxPts))
	maxp = be16(maxp, uint16(maxCont))
	maxp = append(maxp, 0, 0, 0, 0, 0, 2) // composite points, contours; zones
	maxp = append(maxp, make([]byte, 16)...)
	// An empty format 4 cmap: the PDF maps codes to glyphs itself, but some
	// readers refuse a TrueType program without a cmap table.
	cmap := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12,
		0, 4, 0, 24, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 1, 0, 0}
	post := make([]byte, 32)
	binary.BigEndian.PutUint32(post, 0x00030000)
	tables := []struct {
		tag  string
		data []byte
	}{{"cmap", cmap}, {"glyf", glyf}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"loca", loca}, {"maxp", maxp}, {"post", post}}
	out := make([]byte, 0, 12+16*len(tables)+len(glyf)+len(loca)+len(hmtx)+200)
	out = be32(out, 0x00010000)
	out = be16(out, uint16(len(tables)))
	out = append(out, 0, 128, 0, 3, 0, 0) // searchRange, entrySelector, rangeShift for 8 tables
	off := 12 + 16*len(tables)
	for _, t := range tables {
		out = append(out, t.tag...)
		out = be32(out, checksum(t.data))
		out = be32(out, uint32(off))
		out = be32(out, uint32(len(t.data)))
		off += (len(t.data) + 3) &^ 3
	}
	for _, t := range tables {
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// sortedIDs returns the keys of a glyph set in order, .notdef (0) first.
func sortedIDs(set map[uint16]string) []uint16 {
	ids := make([]uint16, 0, len(set)+1)
	if _, ok := set[0]; !ok {
		ids = append(ids, 0)
	}
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
