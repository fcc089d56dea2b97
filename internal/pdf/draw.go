package pdf

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"rsc.io/qr"
)

// rgb is a colour as 0xRRGGBB; the palette is dark and plain so it prints
// well in grey.
type rgb uint32

const (
	ink   rgb = 0x1a1a1a
	muted rgb = 0x5a5a5a
	rule  rgb = 0xaaaaaa
	faint rgb = 0xc8c8c8
	link  rgb = 0x14468c
)

func (c rgb) split() (r, g, b int) { return int(c >> 16 & 0xff), int(c >> 8 & 0xff), int(c & 0xff) }

func textColor(f *fpdf.Fpdf, c rgb) { f.SetTextColor(c.split()) }
func drawColor(f *fpdf.Fpdf, c rgb) { f.SetDrawColor(c.split()) }

// baseline returns the baseline of a line of text of the given font size set
// in a line box of height lead whose top is at top. Go fonts descend about
// a fifth of their size below the baseline.
func baseline(top, lead, size float64) float64 {
	return top + (lead+size)/2 - 0.22*size
}

// qrCaption is printed under the QR code.
const qrCaption = "Scan for the article"

// draw writes the laid-out pages into f.
func (d *doc) draw(f *fpdf.Fpdf, c *Checklist, href string) error {
	// Level M survives a smudge or a fold and keeps an article URL of
	// ~80 bytes at version 5 (37 modules), large enough to scan when printed.
	code, err := qr.Encode(href, qr.M)
	if err != nil {
		return fmt.Errorf("encode qr code: %w", err)
	}
	next := 0
	for p := range d.pages {
		f.AddPage()
		if p == 0 {
			d.drawHeader(f, c, code, href)
		}
		top := d.contentTop(p)
		for ; next < len(d.blocks) && d.places[next].page == p; next++ {
			d.drawBlock(f, d.blocks[next], top+d.places[next].y)
		}
		d.drawFooter(f, c, p, href)
	}
	if d.notes > 0 {
		d.drawNotes(f, d.contentTop(d.pages-1)+d.notesY)
	}
	return f.Error()
}

// drawHeader prints the title and intro at the top left of page 1 and the QR
// code to the article at the top right, with a rule underneath.
func (d *doc) drawHeader(f *fpdf.Fpdf, c *Checklist, code *qr.Code, href string) {
	x, y := d.sh.side, d.sh.top
	f.SetFont(family, string(bold), titleSize)
	textColor(f, ink)
	for _, line := range d.title {
		f.Text(x, baseline(y, titleLead, titleSize), line)
		y += titleLead
	}
	if len(d.intro) > 0 {
		y += 3
		f.SetFont(family, string(regular), introSize)
		textColor(f, muted)
		for _, line := range d.intro {
			f.Text(x, baseline(y, introLead, introSize), line)
			y += introLead
		}
	}

	qx := d.sh.w - d.sh.side - qrSide
	drawQR(f, code, qx, d.sh.top, qrSide)
	f.LinkString(qx, d.sh.top, qrSide, qrSide, href)
	f.SetFont(family, string(regular), captionSize)
	textColor(f, muted)
	cw := f.GetStringWidth(qrCaption)
	f.Text(qx+(qrSide-cw)/2, baseline(d.sh.top+qrSide, captionLead, captionSize), qrCaption)

	ry := d.sh.top + d.headerH - headerAfter/2
	drawColor(f, rule)
	f.SetLineWidth(0.6)
	f.Line(d.sh.side, ry, d.sh.w-d.sh.side, ry)
}

// drawQR draws code as one filled path of horizontal runs: vector, crisp at
// any print resolution, and without the hairline seams that separately
// filled squares show in some viewers.
func drawQR(f *fpdf.Fpdf, code *qr.Code, x, y, side float64) {
	m := side / float64(code.Size)
	f.SetFillColor(0, 0, 0)
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
			x0, y0 := x+float64(start)*m, y+float64(row)*m
			x1, y1 := x+float64(col)*m, y0+m
			f.MoveTo(x0, y0)
			f.LineTo(x1, y0)
			f.LineTo(x1, y1)
			f.LineTo(x0, y1)
			f.ClosePath()
		}
	}
	f.DrawPath("F")
}

// drawBlock prints a heading, or an item with its checkbox, from top.
func (d *doc) drawBlock(f *fpdf.Fpdf, b block, top float64) {
	x := d.sh.side
	if b.kind == heading {
		f.SetFont(family, string(bold), headSize)
		textColor(f, ink)
		for i, line := range b.lines {
			f.Text(x, baseline(top+float64(i)*headLead, headLead, headSize), line)
		}
		return
	}
	drawColor(f, ink)
	f.SetLineWidth(0.8)
	f.Rect(x, checkboxTop(top), boxSide, boxSide, "D")
	f.SetFont(family, string(regular), itemSize)
	textColor(f, ink)
	first := baseline(top, itemLead, itemSize)
	for i, line := range b.lines {
		f.Text(x+boxIndent, first+float64(i)*itemLead, line)
	}
}

// checkboxTop returns the top of the checkbox of an item whose block starts
// at top: the box is centred on the middle of the capitals of its first line.
func checkboxTop(top float64) float64 {
	return baseline(top, itemLead, itemSize) - 0.36*itemSize - boxSide/2
}

// drawNotes prints the notes label and its ruled lines from top.
func (d *doc) drawNotes(f *fpdf.Fpdf, top float64) {
	f.SetFont(family, string(bold), headSize)
	textColor(f, muted)
	f.Text(d.sh.side, baseline(top, notesLabelLead, headSize), notesLabel)
	drawColor(f, faint)
	f.SetLineWidth(0.5)
	for i := 1; i <= d.notes; i++ {
		y := top + notesLabelLead + float64(i)*noteSpacing
		f.Line(d.sh.side, y, d.sh.w-d.sh.side, y)
	}
}

// drawFooter prints, under a rule, the article title and its URL as a link
// on the left, and the site name and page number on the right.
func (d *doc) drawFooter(f *fpdf.Fpdf, c *Checklist, p int, href string) {
	left, right := d.sh.side, d.sh.w-d.sh.side
	y := d.sh.h - d.sh.bottom - footerH
	drawColor(f, rule)
	f.SetLineWidth(0.6)
	f.Line(left, y, right, y)
	y += 6

	f.SetFont(family, string(regular), footerSize)
	pageNo := ""
	if d.pages > 1 {
		pageNo = "Page " + strconv.Itoa(p+1) + " of " + strconv.Itoa(d.pages)
	}
	rightW := max(f.GetStringWidth(c.SiteName), f.GetStringWidth(pageNo))
	leftW := right - left - rightW - 12

	textColor(f, muted)
	f.Text(right-f.GetStringWidth(c.SiteName), baseline(y, footerLead, footerSize), c.SiteName)
	f.Text(right-f.GetStringWidth(pageNo), baseline(y+footerLead, footerLead, footerSize), pageNo)
	textColor(f, ink)
	f.Text(left, baseline(y, footerLead, footerSize), fit(f, c.ArticleTitle, leftW))

	// The URL is printed whole, smaller if need be: a cut URL is no use on paper.
	size := footerSize
	if w := f.GetStringWidth(c.ArticleURL); w > leftW {
		size = footerSize * leftW / w
		f.SetFontSize(size)
	}
	textColor(f, link)
	f.Text(left, baseline(y+footerLead, footerLead, size), c.ArticleURL)
	f.LinkString(left, y+footerLead, f.GetStringWidth(c.ArticleURL), footerLead, href)
}

// fit returns s, or as much of s as fits in width w followed by an ellipsis.
func fit(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	w -= f.GetStringWidth("…")
	for len(s) > 0 {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if f.GetStringWidth(s) <= w {
			return s + "…"
		}
	}
	return "…"
}
