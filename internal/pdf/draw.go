package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/peeplcoach/folio/internal/fonts"
	"rsc.io/qr"
)

// rgb is a colour as 0xRRGGBB; the print page's palette: black ink, grey
// rules, so it prints well on any printer.
type rgb uint32

const (
	ink   rgb = 0x000000
	muted rgb = 0x333333
	rule  rgb = 0x888888
	link  rgb = 0x14468c
)

// content builds one page's content stream.
type content struct {
	b   []byte
	cid map[glyphKey]uint16
	h   float64 // page height: layout measures y from the top, PDF from the bottom
}

func (c *content) op(s string) { c.b = append(c.b, s...) }
func (c *content) n(x float64) { c.b = num(c.b, x); c.b = append(c.b, ' ') }

func (c *content) fill(col rgb) {
	c.color(col)
	c.op("rg\n")
}

func (c *content) stroke(col rgb) {
	c.color(col)
	c.op("RG\n")
}

func (c *content) color(col rgb) {
	for _, v := range [3]uint32{uint32(col) >> 16 & 0xff, uint32(col) >> 8 & 0xff, uint32(col) & 0xff} {
		c.n(float64(v) / 255)
	}
}

// rect fills a rectangle given by its top left corner in layout coordinates.
func (c *content) rect(x, y, w, h float64) {
	c.n(x)
	c.n(c.h - y - h)
	c.n(w)
	c.n(h)
	c.op("re f\n")
}

// line draws a text line with its baseline at y (from the top) starting at x.
// Glyphs of one font at one height go in one TJ array, with the adjustments
// that move each glyph from the font's advance to the shaped position.
func (c *content) line(l fonts.Line, x, y, size, tracking float64, widths map[glyphKey]float64) {
	if len(l.Glyphs) == 0 {
		return
	}
	c.op("BT\n")
	font := -1
	open := false
	pen := 0.0 // where the PDF's pen is, relative to x
	prevY := 0.0
	for i, g := range l.Glyphs {
		gx := x + g.X + float64(i)*tracking
		k := glyphKey{g.Font, g.ID}
		if g.Font != font || !open || g.Y != prevY {
			if open {
				c.op("]TJ\n")
			}
			if g.Font != font {
				c.op("/F" + strconv.Itoa(g.Font) + " ")
				c.n(size)
				c.op("Tf\n")
				font = g.Font
			}
			c.op("1 0 0 1 ")
			c.n(gx)
			c.n(c.h - y + g.Y)
			c.op("Tm[")
			open, pen, prevY = true, gx-x, g.Y
		} else if d := gx - (x + pen); abs(d) > 0.005 {
			// TJ numbers move the pen left, in thousandths of the size.
			c.b = num(c.b, -d*1000/size)
			pen += d
		}
		c.b = append(c.b, '<')
		c.b = appendHex4(c.b, c.cid[k])
		c.b = append(c.b, '>')
		pen += widths[k] * size / 1000
	}
	c.op("]TJ\nET\n")
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func appendHex4(b []byte, v uint16) []byte {
	const hex = "0123456789ABCDEF"
	return append(b, hex[v>>12], hex[v>>8&15], hex[v>>4&15], hex[v&15])
}

// baseline returns the baseline of a line of text of the given size set in
// a line box of height lead whose top is at top: the text's em box is
// centred in the line box, as CSS does, and Noto's ascent is about 1.07 em
// of its 1.34 em height.
func baseline(top, lead, size float64) float64 {
	return top + (lead-1.34*size)/2 + 1.07*size
}

// text draws every line of t from top, with baselines lead apart.
func (c *content) text(t text, x, top float64, col rgb, widths map[glyphKey]float64) {
	if len(t.lines) == 0 {
		return
	}
	c.fill(col)
	for i, l := range t.lines {
		c.line(l, x, baseline(top+float64(i)*t.lead, t.lead, t.size), t.size, 0, widths)
	}
}

// write draws the laid-out sheet and assembles the file.
func (r *Renderer) write(d *doc, c *Checklist, href string) ([]byte, error) {
	// Level M survives a smudge or a fold; at 54 pt the modules of an
	// article URL with its campaign (~150 bytes, version 8) are about a
	// millimetre, large enough to scan when printed.
	code, err := qr.Encode(href, qr.M)
	if err != nil {
		return nil, fmt.Errorf("encode qr code: %w", err)
	}
	w := newWriter(32 << 10)
	catalog, pages, info := w.alloc(), w.alloc(), w.alloc()
	fontIDs := make([]int, 0, len(d.used))
	for id := range d.used {
		fontIDs = append(fontIDs, id)
	}
	slices.Sort(fontIDs)
	cids := map[glyphKey]uint16{}
	widths := map[glyphKey]float64{}
	fontObj := map[int]int{}
	var subsets []*subset
	for _, id := range fontIDs {
		s := r.subset(id, d.used[id])
		subsets = append(subsets, s)
		for i, gid := range s.ids {
			cids[glyphKey{id, gid}] = uint16(i)
			widths[glyphKey{id, gid}] = s.widths[i]
		}
		fontObj[id] = w.alloc()
	}
	var logoObj int
	if r.logo != nil {
		logoObj = w.alloc()
	}

	pageObjs := make([]int, d.pages)
	for p := range d.pages {
		pageObjs[p] = w.alloc()
	}
	var kids strings.Builder
	for p := range d.pages {
		cs := &content{cid: cids, h: d.sh.h, b: make([]byte, 0, 8<<10)}
		var annots []string
		if p == 0 {
			r.drawHeader(cs, d, code, widths, logoObj != 0)
			qx := d.sh.w - d.sh.side - qrSide
			annots = append(annots, linkAnnot(qx, d.sh.h-d.sh.top-qrSide, qx+qrSide, d.sh.h-d.sh.top, href))
		}
		for i := range d.blocks {
			if b := &d.blocks[i]; b.page == p {
				drawBlock(cs, b, d, widths)
			}
		}
		if p == d.pages-1 && d.notes > 0 {
			drawNotes(cs, d, widths)
		}
		annots = append(annots, drawFooter(cs, d, p, href, widths))

		contents := w.alloc()
		data := compress(cs.b)
		w.stream(contents, "/Filter/FlateDecode", data)
		var res strings.Builder
		res.WriteString("<</Font<<")
		for _, id := range fontIDs {
			res.WriteString("/F" + strconv.Itoa(id) + " " + ref(fontObj[id]))
		}
		res.WriteString(">>")
		if logoObj != 0 && p == 0 {
			res.WriteString("/XObject<</Logo " + ref(logoObj) + ">>")
		}
		res.WriteString(">>")
		var annotRefs []string
		for _, a := range annots {
			n := w.alloc()
			w.object(n, []byte(a))
			annotRefs = append(annotRefs, ref(n))
		}
		mb := []byte("<</Type/Page/Parent " + ref(pages) + "/MediaBox[0 0 ")
		mb = num(mb, d.sh.w)
		mb = append(mb, ' ')
		mb = num(mb, d.sh.h)
		mb = append(mb, "]/Resources "+res.String()+"/Contents "+ref(contents)+"/Annots["+strings.Join(annotRefs, " ")+"]>>"...)
		w.object(pageObjs[p], mb)
		if p > 0 {
			kids.WriteByte(' ')
		}
		kids.WriteString(ref(pageObjs[p]))
	}
	w.object(pages, []byte("<</Type/Pages/Kids["+kids.String()+"]/Count "+strconv.Itoa(d.pages)+">>"))
	for i, id := range fontIDs {
		r.writeFont(w, fontObj[id], r.lib.Fonts()[id], subsets[i])
	}
	if logoObj != 0 {
		w.stream(logoObj, r.logo.dict, r.logo.data)
	}
	cat := "<</Type/Catalog/Pages " + ref(pages) + "/ViewerPreferences<</DisplayDocTitle true>>"
	if c.Lang != "" {
		cat += "/Lang" + textString(c.Lang)
	}
	w.object(catalog, []byte(cat+">>"))
	date := "(D:" + c.Created.UTC().Format("20060102150405") + "Z)"
	w.object(info, []byte("<</Title"+textString(c.Title)+"/Author"+textString(c.Author)+
		"/Subject"+textString(c.Subject)+"/Keywords"+textString(strings.Join(c.Keywords, ", "))+
		"/Creator(folio)/Producer(folio)/CreationDate"+date+"/ModDate"+date+">>"))
	return w.finish(catalog, info), nil
}

func linkAnnot(x0, y0, x1, y1 float64, href string) string {
	b := []byte("<</Type/Annot/Subtype/Link/Border[0 0 0]/Rect[")
	for i, v := range []float64{x0, y0, x1, y1} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = num(b, v)
	}
	return string(b) + "]/A<</S/URI/URI" + literal(href) + ">>>>"
}

// drawHeader prints the brand line (logo and site name), the title and intro
// at the top left of page 1, the QR code to the article at the top right, and
// the rule under them.
func (r *Renderer) drawHeader(cs *content, d *doc, code *qr.Code, widths map[glyphKey]float64, logo bool) {
	x, y := d.sh.side, d.sh.top
	if logo {
		cs.op("q ")
		cs.n(logoSide)
		cs.op("0 0 ")
		cs.n(logoSide)
		cs.n(x)
		cs.n(d.sh.h - y - logoSide)
		cs.op("cm /Logo Do Q\n")
		x += logoSide + logoGap
	}
	if len(d.brand.lines) > 0 {
		cs.fill(muted)
		cs.line(d.brand.lines[0], x, baseline(y+(d.brandH-brandLead)/2, brandLead, brandSize), brandSize, brandTracking, widths)
	}
	y += d.brandH + brandAfter
	cs.text(d.title, d.sh.side, y, ink, widths)
	y += d.title.height() + titleAfter
	cs.text(d.intro, d.sh.side, y, muted, widths)

	qx := d.sh.w - d.sh.side - qrSide
	drawQR(cs, code, qx, d.sh.top, qrSide)
	if len(d.caption.lines) > 0 {
		cw := d.caption.lines[0].Width
		cs.fill(muted)
		cs.line(d.caption.lines[0], qx+(qrSide-cw)/2, baseline(d.sh.top+qrSide, captionLead, captionSize), captionSize, 0, widths)
	}
	cs.fill(ink)
	cs.rect(d.sh.side, d.contentTop-headerAfter-headerRule, d.sh.w-2*d.sh.side, headerRule)
}

// drawQR draws code as one filled path of horizontal runs: vector, crisp at
// any print resolution, and without the hairline seams that separately
// filled squares show in some viewers. The path is in module units, scaled
// by one transform, which keeps the numbers short.
func drawQR(cs *content, code *qr.Code, x, y, side float64) {
	m := side / float64(code.Size)
	cs.fill(ink)
	cs.op("q ")
	cs.n(m)
	cs.op("0 0 ")
	cs.n(-m)
	cs.n(x)
	cs.n(cs.h - y)
	cs.op("cm\n")
	for row := range code.Size {
		for col := 0; col < code.Size; {
			if !code.Black(col, row) {
				col++
				continue
			}
			start := col
			for col < code.Size && code.Black(col, row) {
				col++
			}
			cs.b = strconv.AppendInt(cs.b, int64(start), 10)
			cs.b = append(cs.b, ' ')
			cs.b = strconv.AppendInt(cs.b, int64(row), 10)
			cs.b = append(cs.b, ' ')
			cs.b = strconv.AppendInt(cs.b, int64(col-start), 10)
			cs.op(" 1 re\n")
		}
	}
	cs.op("f Q\n")
}

// drawBlock prints a heading with its rule, or an item with its checkbox.
func drawBlock(cs *content, b *block, d *doc, widths map[glyphKey]float64) {
	if b.kind == heading {
		cs.text(b.text, b.x, b.y, ink, widths)
		cs.fill(rule)
		cs.rect(b.x, b.y+b.text.height()+headPad, d.colW, headRule)
		return
	}
	top := b.y + itemPad
	// The box: a rounded square stroked inside its side, its top level with
	// the first line's text as the print page sets it (margin-top .2em).
	by := boxTop(top)
	roundedBox(cs, b.x+boxStroke/2, by+boxStroke/2, boxSide-boxStroke, boxRadius)
	cs.text(b.text, b.x+boxIndent, top, ink, widths)
}

// boxTop is the top of the checkbox of an item whose text starts at top:
// level with the top of the capitals of its first line.
func boxTop(top float64) float64 {
	return baseline(top, itemLead, itemSize) - 0.72*itemSize - 0.4
}

// roundedBox strokes a square of side s with corner radius r, top left at
// (x, y) in layout coordinates.
func roundedBox(cs *content, x, y, s, r float64) {
	const k = 0.5523 // control distance of a quarter circle, per radius
	cs.stroke(ink)
	cs.n(boxStroke)
	cs.op("w\n")
	Y := func(v float64) float64 { return cs.h - v }
	pt := func(px, py float64, op string) {
		cs.n(px)
		cs.n(Y(py))
		cs.op(op)
	}
	curve := func(x1, y1, x2, y2, x3, y3 float64) {
		cs.n(x1)
		cs.n(Y(y1))
		cs.n(x2)
		cs.n(Y(y2))
		cs.n(x3)
		cs.n(Y(y3))
		cs.op("c\n")
	}
	pt(x+r, y, "m\n")
	pt(x+s-r, y, "l\n")
	curve(x+s-r+k*r, y, x+s, y+r-k*r, x+s, y+r)
	pt(x+s, y+s-r, "l\n")
	curve(x+s, y+s-r+k*r, x+s-r+k*r, y+s, x+s-r, y+s)
	pt(x+r, y+s, "l\n")
	curve(x+r-k*r, y+s, x, y+s-r+k*r, x, y+s-r)
	pt(x, y+r, "l\n")
	curve(x, y+r-k*r, x+r-k*r, y, x+r, y)
	cs.op("s\n")
}

// drawNotes prints the notes label and its ruled lines.
func drawNotes(cs *content, d *doc, widths map[glyphKey]float64) {
	cs.text(d.notesLabel, d.sh.side, d.notesY, ink, widths)
	cs.fill(rule)
	for i := 1; i <= d.notes; i++ {
		y := d.notesY + notesLabelLead + float64(i)*noteSpacing
		cs.rect(d.sh.side, y-0.75, d.sh.w-2*d.sh.side, 0.75)
	}
}

// drawFooter prints, under a rule, the article's title and URL on the left
// and the site, date and page number on the right; it returns the link
// annotation over the URL.
func drawFooter(cs *content, d *doc, p int, href string, widths map[glyphKey]float64) string {
	left, right := d.sh.side, d.sh.w-d.sh.side
	y := d.sh.h - d.sh.bottom - footerH
	cs.fill(rule)
	cs.rect(left, y, right-left, footerRule)
	y += footerRule + footerPad
	cs.text(d.footFrom, left, y, muted, widths)
	cs.text(d.footURL, left, y+footerLead, link, widths)
	cs.text(d.footSite, right-d.footSite.width(), y, muted, widths)
	if p < len(d.footPages) {
		t := d.footPages[p]
		cs.text(t, right-t.width(), y+footerLead, muted, widths)
	}
	return linkAnnot(left, d.sh.h-y-2*footerLead, left+d.footURL.width(), d.sh.h-y-footerLead, href)
}
