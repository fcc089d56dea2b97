package pdf

import (
	"errors"
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// Sizes on the sheet, in points. They are the same on A4 and Letter so both
// sheets look alike; they are tuned so a checklist of about 24 items under
// 8 headings fits on one Letter page (the shorter of the two).
const (
	titleSize, titleLead     = 16.0, 19.5
	introSize, introLead     = 10.0, 13.0
	headSize, headLead       = 11.5, 14.0
	headAfter                = 2.0 // between a heading and its first item
	headGap                  = 9.0 // above a heading, dropped at the top of a page
	itemSize, itemLead       = 10.0, 12.5
	itemAfter                = 3.0
	boxSide                  = 8.5
	boxIndent                = 15.0 // from the left margin to the item text
	qrSide                   = 50.0 // 37 modules of ~1.35 pt: scannable at arm's length
	qrGap                    = 14.0 // between the title text and the QR code
	captionSize, captionLead = 6.5, 9.0
	headerAfter              = 14.0 // space for the rule under the header
	footerSize, footerLead   = 8.0, 10.5
	footerH                  = 6 + 2*footerLead // rule, gap and two lines
	footerGap                = 10.0             // least space between content and footer
	notesLabel               = "Notes"
	notesGap                 = 12.0 // above the notes label
	notesLabelLead           = 14.0
	noteSpacing              = 21.0 // between ruled lines: room to write
	minNoteLines             = 2    // fewer is not worth printing
	maxNoteLines             = 10   // a short checklist is not a notepad
)

// blockKind tells a group heading from an item.
type blockKind uint8

const (
	heading blockKind = iota
	item
)

// block is one unbreakable piece of the flow: a group heading or an item,
// already wrapped into lines.
type block struct {
	kind  blockKind
	lines []string
	h     float64 // height including the space after it
	gap   float64 // space above it, dropped at the top of a page
}

// keep reports whether the block must stay on the page of the next one: a
// heading is never left alone at the foot of a page.
func (b block) keep() bool { return b.kind == heading }

// place is where a block landed: its page (from 0) and the top of the block,
// measured from the top of that page's content area.
type place struct {
	page int
	y    float64
}

// doc is a laid-out sheet, ready to draw.
type doc struct {
	sh           sheet
	title, intro []string // wrapped lines
	headerH      float64  // page 1 only
	blocks       []block
	places       []place
	pages        int
	notes        int     // ruled note lines on the last page; 0 for none
	notesY       float64 // top of the notes label, like place.y
}

// contentTop returns the page coordinate where the flow starts on page p.
func (d *doc) contentTop(p int) float64 {
	if p == 0 {
		return d.sh.top + d.headerH
	}
	return d.sh.top
}

// contentBottom is the lowest coordinate the flow may reach on any page.
func (d *doc) contentBottom() float64 {
	return d.sh.h - d.sh.bottom - footerH - footerGap
}

// layout wraps every text with the font metrics of f and places the blocks.
func layout(f *fpdf.Fpdf, c *Checklist, sh sheet) (*doc, error) {
	d := &doc{sh: sh}
	width := sh.w - 2*sh.side

	f.SetFont(family, string(bold), titleSize)
	d.title = f.SplitText(c.Title, width-qrSide-qrGap)
	textH := float64(len(d.title)) * titleLead
	if c.Intro != "" {
		f.SetFont(family, string(regular), introSize)
		d.intro = f.SplitText(c.Intro, width-qrSide-qrGap)
		textH += 3 + float64(len(d.intro))*introLead
	}
	d.headerH = math.Max(textH, qrSide+captionLead) + headerAfter

	n := 0
	for _, g := range c.Groups {
		n += 1 + len(g.Items)
	}
	d.blocks = make([]block, 0, n)
	for _, g := range c.Groups {
		if g.Heading != "" {
			f.SetFont(family, string(bold), headSize)
			lines := f.SplitText(g.Heading, width)
			d.blocks = append(d.blocks, block{kind: heading, lines: lines,
				h: float64(len(lines))*headLead + headAfter, gap: headGap})
		}
		f.SetFont(family, string(regular), itemSize)
		for _, it := range g.Items {
			lines := f.SplitText(it, width-boxIndent)
			d.blocks = append(d.blocks, block{kind: item, lines: lines,
				h: float64(len(lines))*itemLead + itemAfter})
		}
	}
	if err := f.Error(); err != nil {
		return nil, err
	}

	bottom := d.contentBottom()
	first, rest := bottom-d.contentTop(0), bottom-d.contentTop(1)
	var err error
	if d.places, err = paginate(d.blocks, first, rest); err != nil {
		return nil, err
	}
	last := d.places[len(d.places)-1]
	d.pages = last.page + 1
	end := last.y + d.blocks[len(d.blocks)-1].h
	avail := rest
	if last.page == 0 {
		avail = first
	}
	d.notes = noteLines(avail - end)
	d.notesY = end + notesGap
	return d, nil
}

// errTooTall is returned when a heading and its first item, or one item, do
// not fit on an empty page: they cannot be placed without splitting.
var errTooTall = errors.New("an item is too long to fit on one page: shorten it")

// paginate places blocks in order, top to bottom, page after page: first is
// the height of page 1's content area, rest that of the following pages. A
// block is never split, and a block that must keep with the next one (a
// heading) moves to the next page unless the run it starts fits: so no
// heading is left alone at the foot of a page.
func paginate(blocks []block, first, rest float64) ([]place, error) {
	places := make([]place, len(blocks))
	page, y, avail := 0, 0.0, first
	for i := 0; i < len(blocks); {
		gap := blocks[i].gap
		if y == 0 {
			gap = 0
		}
		need := gap + blocks[i].h
		for k := i; k+1 < len(blocks) && blocks[k].keep(); k++ {
			need += blocks[k+1].gap + blocks[k+1].h
		}
		if y+need > avail {
			if y == 0 {
				return nil, errTooTall
			}
			page, y, avail = page+1, 0, rest
			continue
		}
		places[i] = place{page: page, y: y + gap}
		y += gap + blocks[i].h
		i++
	}
	return places, nil
}

// noteLines returns how many ruled note lines fit in the space left under the
// last block, or 0 when fewer than minNoteLines fit.
func noteLines(space float64) int {
	n := int((space - notesGap - notesLabelLead) / noteSpacing)
	if n < minNoteLines {
		return 0
	}
	return min(n, maxNoteLines)
}
