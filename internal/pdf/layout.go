package pdf

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/peeplcoach/folio/internal/fonts"
)

// Sizes on the sheet, in points, taken from the print style sheet
// (static/css/checklist.css, @media print): 10.5 pt text at a line height of
// 1.35, 18 pt title, 11 pt intro, 8 pt brand line and footer, two columns
// 9 mm apart, 1.05 em boxes with a 1.2 pt border, 7.5 mm ruled note lines.
const (
	brandSize, brandLead     = 8.0, 11.0
	brandTracking            = 0.08 * brandSize // letter-spacing: .08em
	logoSide                 = 18.0             // 1.5rem
	logoGap                  = 6.0              // between the logo and the site name
	brandAfter               = 6.0
	titleSize, titleLead     = 18.0, 21.6
	titleAfter               = 4.8
	introSize, introLead     = 11.0, 14.3
	headerPad                = 7.0 // above the rule under the header
	headerRule               = 2.0
	headerAfter              = 10.0
	qrSide                   = 54.0
	qrGap                    = 16.0 // between the header text and the QR code
	captionSize, captionLead = 6.5, 9.0
	colGap                   = 9 * 72 / 25.4
	headSize, headLead       = 10.5, 12.0
	headPad                  = 0.8  // heading text to its rule
	headRule                 = 0.75 // the rule under a group heading
	headAfter                = 0.5
	itemSize, itemLead       = 10.5, 13.4
	itemPad                  = 1.0 // above and below an item
	boxSide                  = 1.05 * itemSize
	boxStroke                = 1.2
	boxRadius                = 2.0
	boxIndent                = boxSide + 6.8 // the box and the gap to the text
	groupAfter               = 8.0
	notesGap                 = 8.0
	notesLabelLead           = 13.0
	noteSpacing              = 7.5 * 72 / 25.4
	minNoteLines             = 2  // fewer is not worth printing
	maxNoteLines             = 12 // a short checklist is not a notepad
	footerSize, footerLead   = 8.0, 12.0
	footerPad                = 4.0
	footerRule               = 0.75
	footerH                  = footerRule + footerPad + 2*footerLead
	footerGap                = 10.0 // least space between content and footer
)

// text is a laid-out paragraph: its lines, size and line height.
type text struct {
	lines []fonts.Line
	size  float64
	lead  float64
}

func (t text) height() float64 { return float64(len(t.lines)) * t.lead }

// width is the widest line.
func (t text) width() float64 {
	w := 0.0
	for _, l := range t.lines {
		w = math.Max(w, l.Width)
	}
	return w
}

// blockKind tells a group heading from an item.
type blockKind uint8

const (
	heading blockKind = iota
	item
)

// block is one unbreakable piece of the flow: a group heading or an item.
type block struct {
	kind  blockKind
	text  text
	h     float64 // height, padding and rules included
	group int     // index of its group
	// placed by layout:
	page int
	x, y float64 // top left, page coordinates from the top
}

// doc is a laid-out sheet, ready to draw.
type doc struct {
	sh                   sheet
	brand, title, intro  text
	caption              text
	brandH, headerH      float64
	blocks               []block
	colW                 float64
	pages                int
	notes                int     // ruled note lines on the last page; 0 for none
	notesY               float64 // top of the notes label
	notesLabel           text
	footFrom, footURL    text
	footSite             text
	footPages            []text // "Page i of n" per page, when more than one
	used                 map[int]map[uint16]string
	lib                  *fonts.Library
	contentTop, contentB float64 // page 1's flow top; every page's flow bottom
}

// shape lays out s in the style at size, wrapped at width, and records the
// glyphs it uses for the font subsets.
func (d *doc) shape(s string, st fonts.Style, size, lead, width float64) text {
	t := text{size: size, lead: lead}
	if s == "" {
		return t
	}
	p := d.lib.Shape(s, st)
	t.lines = p.Wrap(size, width)
	p.Close()
	d.record(t)
	return t
}

func (d *doc) record(t text) {
	for _, l := range t.lines {
		for _, g := range l.Glyphs {
			set := d.used[g.Font]
			if set == nil {
				set = map[uint16]string{}
				d.used[g.Font] = set
			}
			if old, ok := set[g.ID]; !ok || old == "" {
				set[g.ID] = g.Text
			}
		}
	}
}

// layout shapes every text and places the blocks in two columns, page after
// page, balanced on the last page as the print page's CSS columns are.
func (r *Renderer) layout(c *Checklist, sh sheet) (*doc, error) {
	d := &doc{sh: sh, lib: r.lib, used: map[int]map[uint16]string{}}
	width := sh.w - 2*sh.side
	textW := width - qrSide - qrGap

	d.brand = d.shape(strings.ToUpper(c.SiteName), fonts.Bold, brandSize, brandLead, textW)
	if len(d.brand.lines) > 1 {
		d.brand.lines = d.brand.lines[:1]
	}
	d.brandH = brandLead
	if r.logo != nil {
		d.brandH = logoSide
	}
	d.title = d.shape(c.Title, fonts.Bold, titleSize, titleLead, textW)
	d.intro = d.shape(c.Intro, fonts.Regular, introSize, introLead, textW)
	textH := d.brandH + brandAfter + d.title.height()
	if c.Intro != "" {
		textH += titleAfter + d.intro.height()
	}
	d.caption = d.shape(c.Labels.Scan, fonts.Regular, captionSize, captionLead, qrSide+qrGap)
	d.headerH = math.Max(textH, qrSide+captionLead) + headerPad + headerRule + headerAfter
	d.contentTop = sh.top + d.headerH

	d.colW = (width - colGap) / 2
	for gi, g := range c.Groups {
		if g.Heading != "" {
			t := d.shape(g.Heading, fonts.Bold, headSize, headLead, d.colW)
			d.blocks = append(d.blocks, block{kind: heading, text: t, group: gi, h: t.height() + headPad + headRule + headAfter})
		}
		for _, it := range g.Items {
			t := d.shape(it, fonts.Regular, itemSize, itemLead, d.colW-boxIndent)
			d.blocks = append(d.blocks, block{kind: item, text: t, group: gi, h: t.height() + 2*itemPad})
		}
	}

	d.footFrom = d.shape(c.Labels.From, fonts.Regular, footerSize, footerLead, 1e6)
	d.footURL = d.shape(c.ArticleURL, fonts.Regular, footerSize, footerLead, 1e6)
	site := c.SiteName
	if c.Date != "" {
		site += " · " + c.Date
	}
	d.footSite = d.shape(site, fonts.Regular, footerSize, footerLead, 1e6)
	d.notesLabel = d.shape(c.Labels.Notes, fonts.Bold, headSize, notesLabelLead, width)

	d.contentB = sh.h - sh.bottom - footerH - footerGap
	if err := d.flow(); err != nil {
		return nil, err
	}
	if d.pages > 1 {
		for p := range d.pages {
			label := strings.NewReplacer("{page}", strconv.Itoa(p+1), "{pages}", strconv.Itoa(d.pages)).Replace(c.Labels.Page)
			d.footPages = append(d.footPages, d.shape(label, fonts.Regular, footerSize, footerLead, 1e6))
		}
	}
	// The footer's left side takes what the right side leaves; the title is
	// cut with an ellipsis, the URL set smaller: a cut URL is no use on paper.
	right := d.footSite.width()
	for _, t := range d.footPages {
		right = math.Max(right, t.width())
	}
	leftW := width - right - 12
	if d.footFrom.width() > leftW {
		d.footFrom = d.ellipsis(d.footFrom, c.Labels.From, leftW)
	}
	if w := d.footURL.width(); w > leftW {
		d.footURL = d.shape(c.ArticleURL, fonts.Regular, footerSize*leftW/w, footerLead, 1e6)
	}
	return d, nil
}

// ellipsis returns the first line of s wrapped to leave room for "…" within
// w, followed by "…".
func (d *doc) ellipsis(t text, s string, w float64) text {
	dots := d.shape("…", fonts.Regular, t.size, t.lead, 1e6)
	cut := d.shape(s, fonts.Regular, t.size, t.lead, w-dots.width())
	if len(cut.lines) == 0 {
		return dots
	}
	line := cut.lines[0]
	line.Glyphs = append([]fonts.Glyph(nil), line.Glyphs...)
	for _, g := range dots.lines[0].Glyphs {
		g.X += line.Width
		line.Glyphs = append(line.Glyphs, g)
	}
	line.Width += dots.width()
	return text{lines: []fonts.Line{line}, size: t.size, lead: t.lead}
}

// errTooTall is returned when a heading and its first item, or one item, do
// not fit in an empty column: they cannot be placed without splitting.
var errTooTall = errors.New("an item is too long to fit on one page: shorten it")

// unit is a run of blocks kept in one column: a whole group when it fits a
// column, else a heading with its first item, or one item.
type unit struct {
	first, last int // block indices, inclusive
	h           float64
}

// flow places the blocks: units fill the left then the right column of a
// page, page after page; the units of the last page are balanced between its
// two columns (the shortest columns that hold them). Then the notes take the
// space under the columns.
func (d *doc) flow() error {
	first := d.contentB - d.contentTop
	rest := d.contentB - d.sh.top
	units, err := d.units(math.Min(first, rest))
	if err != nil {
		return err
	}
	page, next := 0, 0
	for {
		avail := first
		if page > 0 {
			avail = rest
		}
		if h, ok := balance(units[next:], avail); ok {
			d.place(units[next:], page, h)
			d.pages = page + 1
			space := avail - h
			if h == 0 {
				space = avail
			}
			d.notes = noteLines(space)
			d.notesY = d.top(page) + h + notesGap
			return nil
		}
		n := fill(units[next:], avail)
		m := fill(units[next+n:], avail)
		if n+m == 0 {
			return errTooTall
		}
		d.place(units[next:next+n+m], page, avail)
		next += n + m
		page++
	}
}

func (d *doc) top(page int) float64 {
	if page == 0 {
		return d.contentTop
	}
	return d.sh.top
}

// units groups the blocks; a group taller than a column is split into a
// heading kept with its first item, then single items.
func (d *doc) units(col float64) ([]unit, error) {
	var out []unit
	for i := 0; i < len(d.blocks); {
		j := i
		h := d.blocks[i].h
		for j+1 < len(d.blocks) && d.blocks[j+1].group == d.blocks[i].group {
			j++
			h += d.blocks[j].h
		}
		if h <= col {
			out = append(out, unit{i, j, h})
			i = j + 1
			continue
		}
		for k := i; k <= j; k++ {
			u := unit{k, k, d.blocks[k].h}
			if d.blocks[k].kind == heading && k < j {
				k++
				u.last, u.h = k, u.h+d.blocks[k].h
			}
			if u.h > col {
				return nil, errTooTall
			}
			out = append(out, u)
		}
		i = j + 1
	}
	return out, nil
}

// colHeight is the height of units stacked in one column.
func colHeight(us []unit) float64 {
	h := 0.0
	for i, u := range us {
		if i > 0 {
			h += groupAfter
		}
		h += u.h
	}
	return h
}

// fill returns how many units, from the first, fit in a column of height h.
func fill(us []unit, h float64) int {
	y := 0.0
	for i, u := range us {
		if i > 0 {
			y += groupAfter
		}
		if y+u.h > h+1e-9 {
			return i
		}
		y += u.h
	}
	return len(us)
}

// balance returns the least column height, at most avail, at which us fit in
// two columns, found by bisection; ok is false when they do not fit at all.
func balance(us []unit, avail float64) (h float64, ok bool) {
	fits := func(h float64) bool {
		n := fill(us, h)
		return n+fill(us[n:], h) == len(us)
	}
	if !fits(avail) {
		return 0, false
	}
	lo, hi := 0.0, avail
	for range 30 {
		mid := (lo + hi) / 2
		if fits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	// The tallest column actually used at that height.
	n := fill(us, hi)
	return math.Max(colHeight(us[:n]), colHeight(us[n:])), true
}

// place puts us into the two columns of page, the left one holding what fits
// in height h.
func (d *doc) place(us []unit, page int, h float64) {
	n := fill(us, h)
	for c, col := range [][]unit{us[:n], us[n:]} {
		x := d.sh.side + float64(c)*(d.colW+colGap)
		y := d.top(page)
		for i, u := range col {
			if i > 0 {
				y += groupAfter
			}
			for b := u.first; b <= u.last; b++ {
				d.blocks[b].page, d.blocks[b].x, d.blocks[b].y = page, x, y
				y += d.blocks[b].h
			}
		}
	}
}

// noteLines returns how many ruled note lines fit in the space left under the
// columns, or 0 when fewer than minNoteLines fit.
func noteLines(space float64) int {
	n := int((space - notesGap - notesLabelLead) / noteSpacing)
	if n < minNoteLines {
		return 0
	}
	return min(n, maxNoteLines)
}
