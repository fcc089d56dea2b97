// Package pdf makes an article's printable checklist as a PDF, in pure Go.
//
// It takes plain data (a Checklist) and returns the bytes of a one- or
// multi-page sheet: the title and intro, the groups with vector checkbox
// squares, ruled lines for notes when space allows, a QR code and a footer
// link to the article. Text is real text in an embedded Go font, so it can be
// selected, searched and extracted. The same input always gives the same
// bytes: there is no clock and no random identifier in the output.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Checklist is everything printed on the sheet: plain text, no Markdown.
// Text may hold typographic characters (curly quotes, dashes, accents) as
// long as the Go fonts have them; Render reports any character they lack.
type Checklist struct {
	Title  string  // heading of the sheet, e.g. "Checklist: 7 Tips to …"
	Intro  string  // one line under the title; may be empty
	Groups []Group // in article order; groups without items are left out

	ArticleTitle string // printed in the footer
	ArticleURL   string // absolute http(s) URL: footer link and QR code

	SiteName string   // printed in the footer
	Author   string   // PDF metadata
	Subject  string   // PDF metadata
	Keywords []string // PDF metadata, joined with ", "
	Lang     string   // BCP 47 language of the text, e.g. "en"; may be empty

	// Created is the creation and modification date written in the PDF
	// (in UTC). Take it from the article so rebuilds are byte-identical;
	// the zero time is an error rather than a silent "now".
	Created time.Time
}

// Group is one heading of the checklist and the items under it.
type Group struct {
	Heading string   // may be empty for items that stand under no heading
	Items   []string // one checkbox each
}

// PageSize is the paper a sheet is laid out for.
type PageSize int

// The paper sizes Render supports.
const (
	A4     PageSize = iota // 210 × 297 mm (595.28 × 841.89 pt)
	Letter                 // US Letter, 8.5 × 11 in (612 × 792 pt)
)

// String returns the size's lowercase name, "a4" or "letter", as used in
// file names such as checklist-a4.pdf.
func (s PageSize) String() string {
	switch s {
	case A4:
		return "a4"
	case Letter:
		return "letter"
	}
	return fmt.Sprintf("PageSize(%d)", int(s))
}

// sheet is the paper and its margins, in points.
type sheet struct {
	name        string // fpdf's standard size name
	w, h        float64
	side        float64 // left and right margin
	top, bottom float64
}

// sheet returns the geometry of s. Margins are 15 mm on A4 and 0.6 in on
// Letter, inside every printer's unprintable border with room to hold the page.
func (s PageSize) sheet() (sheet, error) {
	switch s {
	case A4:
		return sheet{name: "A4", w: 595.28, h: 841.89, side: 42.52, top: 42.52, bottom: 34}, nil
	case Letter:
		return sheet{name: "Letter", w: 612, h: 792, side: 43.2, top: 43.2, bottom: 34}, nil
	}
	return sheet{}, fmt.Errorf("unknown page size %d", int(s))
}

// Render lays out c on paper of the given size and returns the PDF bytes.
// It fails when the checklist has no title or no items, when ArticleURL is
// not an absolute http(s) URL, when Created is zero, when a character is
// missing from the fonts, or when a single item is too long for a page.
func Render(c Checklist, size PageSize) ([]byte, error) {
	sh, err := size.sheet()
	if err != nil {
		return nil, fmt.Errorf("render checklist pdf: %w", err)
	}
	href, err := validate(&c)
	if err != nil {
		return nil, fmt.Errorf("render checklist pdf %q: %w", c.Title, err)
	}
	f := newDocument(&c, sh)
	d, err := layout(f, &c, sh)
	if err != nil {
		return nil, fmt.Errorf("render checklist pdf %q: %w", c.Title, err)
	}
	if err := d.draw(f, &c, href); err != nil {
		return nil, fmt.Errorf("render checklist pdf %q: %w", c.Title, err)
	}
	var buf bytes.Buffer
	buf.Grow(48 << 10) // a one-page sheet is ~30–40 KB; avoid regrowing
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("render checklist pdf %q: write: %w", c.Title, err)
	}
	return buf.Bytes(), nil
}

// newDocument returns an empty document with the fonts, metadata and fixed
// dates set. Catalog sorting makes fpdf write its maps in a stable order.
func newDocument(c *Checklist, sh sheet) *fpdf.Fpdf {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: sh.name})
	f.SetCatalogSort(true)
	f.SetCompression(true)
	created := c.Created.UTC()
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetTitle(c.Title, true)
	f.SetAuthor(c.Author, true)
	f.SetSubject(c.Subject, true)
	f.SetKeywords(strings.Join(c.Keywords, ", "), true)
	f.SetCreator("folio", true)
	if c.Lang != "" {
		f.SetLang(c.Lang)
	}
	// Everything is placed at computed positions; fpdf must not break pages
	// on its own or pad text with a cell margin.
	f.SetAutoPageBreak(false, 0)
	f.SetCellMargin(0)
	f.SetMargins(sh.side, sh.top, sh.side)
	addFonts(f)
	return f
}

// validate checks what Render cannot draw sensibly and normalises the
// whitespace of every text, so a stray newline or tab does not reach the page.
// It returns the article URL in ASCII form (non-ASCII characters
// percent-encoded) for the link and the QR code, which must be 7-bit.
func validate(c *Checklist) (href string, err error) {
	if c.Created.IsZero() {
		return "", errors.New("created date is zero: set it from the article so the bytes are stable")
	}
	u, err := url.Parse(c.ArticleURL)
	if err != nil {
		return "", fmt.Errorf("article url: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("article url %q is not an absolute http(s) URL", c.ArticleURL)
	}
	c.Title = oneLine(c.Title)
	if c.Title == "" {
		return "", errors.New("title is empty")
	}
	c.Intro = oneLine(c.Intro)
	c.ArticleTitle = oneLine(c.ArticleTitle)
	c.SiteName = oneLine(c.SiteName)
	// Groups are copied before normalising: the caller's slices stay untouched.
	groups := make([]Group, 0, len(c.Groups))
	for _, g := range c.Groups {
		items := make([]string, 0, len(g.Items))
		for _, it := range g.Items {
			if it = oneLine(it); it != "" {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			groups = append(groups, Group{Heading: oneLine(g.Heading), Items: items})
		}
	}
	if len(groups) == 0 {
		return "", errors.New("checklist has no items")
	}
	c.Groups = groups
	return u.String(), checkGlyphs(c)
}

// oneLine collapses runs of whitespace to single spaces and trims the ends;
// it returns s itself when there is nothing to change, which is the usual case.
func oneLine(s string) string {
	clean := true
	prevSpace := true // a leading space is not clean
	for i := 0; i < len(s); i++ {
		b := s[i]
		isSpace := b == ' '
		if b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f' || (isSpace && prevSpace) {
			clean = false
			break
		}
		prevSpace = isSpace
	}
	if clean && !prevSpace {
		return s
	}
	// Only ASCII whitespace: a no-break space (U+00A0) is deliberate.
	return strings.Join(strings.FieldsFunc(s, isASCIISpace), " ")
}

func isASCIISpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}

// Version identifies the drawing code. Cached PDFs are keyed by it, so it must
// change with any change that alters the bytes Render writes; TestVersion
// fails until it does.
const Version = "pdf-1"
