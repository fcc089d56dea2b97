// Package pdf makes an article's printable checklist as a PDF, in pure Go.
//
// It takes plain data (a Checklist) and returns the bytes of a sheet laid out
// like the site's print page (layouts/checklist.html): the site's logo and
// name, the title and intro, the groups in two columns with vector checkboxes,
// a notes area with ruled lines, and a footer linking to the article; a QR
// code to the article sits at the top right. Text is shaped by package fonts
// (any script the site's fonts cover, right-to-left included) and embedded as
// a subset of each font used, with a ToUnicode map so it can be selected,
// searched and extracted. The same input always gives the same bytes.
//
// The file is written directly, object by object, rather than through a PDF
// library: the sheet needs a handful of objects, shaped glyph ids (which
// rune-based libraries cannot take) and work shared across a build (glyph
// programs, the logo) that a library would redo for every document.
package pdf

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/peeplcoach/folio/internal/fonts"
)

// Checklist is everything printed on the sheet: plain text, no Markdown.
type Checklist struct {
	Title  string  // heading of the sheet, e.g. "Checklist: 7 Tips to …"
	Intro  string  // one line under the title; may be empty
	Groups []Group // in article order; groups without items are left out

	ArticleTitle string // printed in the footer
	ArticleURL   string // absolute http(s) URL, printed in the footer
	// LinkURL is what the QR code and the footer link open: ArticleURL with
	// campaign parameters (see TrackedURL). Empty means ArticleURL.
	LinkURL string

	SiteName string   // printed above the title and in the footer
	Date     string   // printed in the footer after the site name; may be empty
	Author   string   // PDF metadata
	Subject  string   // PDF metadata
	Keywords []string // PDF metadata, joined with ", "
	Lang     string   // BCP 47 language of the text, e.g. "en"; may be empty

	// Created is the creation and modification date written in the PDF
	// (in UTC). Take it from the article so rebuilds are byte-identical;
	// the zero time is an error rather than a silent "now".
	Created time.Time

	// TitleLine is the line of the source file that gives the title, for
	// warnings (0 if unknown).
	TitleLine int

	Labels Labels // the sheet's own words; empty fields take English
}

// Group is one heading of the checklist and the items under it.
type Group struct {
	Heading string   // may be empty for items that stand under no heading
	Items   []string // one checkbox each
	// HeadingLine and Lines are the source lines of the heading and of each
	// item, for warnings; either may be left empty.
	HeadingLine int
	Lines       []int
}

// Labels are the words the sheet prints of its own, in the site's language
// (the build takes them from i18n).
type Labels struct {
	Notes string // "Notes"
	Scan  string // under the QR code: "Scan for the article"
	// From is the footer's line naming the article, the title quoted:
	// "From the article “7 Tips…”". Empty: English with ArticleTitle.
	From string
	Page string // "Page {page} of {pages}", on sheets of more than one page
}

func (l Labels) withDefaults() Labels {
	or := func(s, d string) string {
		if s == "" {
			return d
		}
		return s
	}
	return Labels{
		Notes: or(l.Notes, "Notes"),
		Scan:  or(l.Scan, "Scan for the article"),
		From:  l.From,
		Page:  or(l.Page, "Page {page} of {pages}"),
	}
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
	w, h        float64
	side        float64 // left and right margin
	top, bottom float64
}

// sheet returns the geometry of s: the print page's margins (13 mm top and
// bottom, 14 mm at the sides) on either paper.
func (s PageSize) sheet() (sheet, error) {
	const v, hz = 13 * 72 / 25.4, 14 * 72 / 25.4
	switch s {
	case A4:
		return sheet{w: 595.28, h: 841.89, side: hz, top: v, bottom: v}, nil
	case Letter:
		return sheet{w: 612, h: 792, side: hz, top: v, bottom: v}, nil
	}
	return sheet{}, fmt.Errorf("unknown page size %d", int(s))
}

// TrackedURL returns the article URL with the campaign parameters of a
// printed checklist: utm_source=checklist, utm_medium=pdf and the campaign
// the article's LinkedIn posts use, so analytics tell sheets from posts.
func TrackedURL(articleURL, campaign string) string {
	u, err := url.Parse(articleURL)
	if err != nil || campaign == "" {
		return articleURL
	}
	q := "utm_source=checklist&utm_medium=pdf&utm_campaign=" + url.QueryEscape(campaign)
	if u.RawQuery != "" {
		q = u.RawQuery + "&" + q
	}
	u.RawQuery = q
	return u.String()
}

// Renderer draws checklists with one font library and logo. It keeps what
// does not depend on the checklist (each glyph's program, the logo's
// drawing) for every sheet it draws, so a build uses one Renderer. It is safe
// for concurrent use.
type Renderer struct {
	lib    *fonts.Library
	logo   *logo    // nil: no logo
	glyphs sync.Map // glyphKey → *glyph: every glyph program made so far
	files  fileCache
}

// NewRenderer returns a renderer drawing text with lib and, when logo is not
// empty, the site's logo (SVG, PNG or JPEG bytes; name is its path, for
// messages). A logo it cannot draw is an error: the caller may warn and go on
// with NewRenderer(lib, "", nil).
func NewRenderer(lib *fonts.Library, name string, logoData []byte) (*Renderer, error) {
	r := &Renderer{lib: lib}
	if len(logoData) > 0 {
		lg, err := parseLogo(name, logoData)
		if err != nil {
			return nil, fmt.Errorf("logo %s: %w", name, err)
		}
		r.logo = lg
	}
	return r, nil
}

// defaultRenderer draws with the bundled fonts and no logo.
var defaultRenderer = sync.OnceValues(func() (*Renderer, error) {
	lib, err := fonts.Default()
	if err != nil {
		return nil, err
	}
	return NewRenderer(lib, "", nil)
})

// Render lays out c with the bundled fonts and no logo; see Renderer.Render.
func Render(c Checklist, size PageSize) ([]byte, error) {
	r, err := defaultRenderer()
	if err != nil {
		return nil, err
	}
	return r.Render(c, size)
}

// Render lays out c on paper of the given size and returns the PDF bytes.
// It fails when the checklist has no title or no items, when ArticleURL is
// not an absolute http(s) URL, when Created is zero, or when a single item
// is too long for a page. A character no font has is drawn as the first
// font's missing-glyph box; Check reports it.
func (r *Renderer) Render(c Checklist, size PageSize) ([]byte, error) {
	sh, err := size.sheet()
	if err != nil {
		return nil, fmt.Errorf("render checklist pdf: %w", err)
	}
	href, err := validate(&c)
	if err != nil {
		return nil, fmt.Errorf("render checklist pdf %q: %w", c.Title, err)
	}
	d, err := r.layout(&c, sh)
	if err != nil {
		return nil, fmt.Errorf("render checklist pdf %q: %w", c.Title, err)
	}
	out, err := r.write(d, &c, href)
	if err != nil {
		return nil, fmt.Errorf("render checklist pdf %q: %w", c.Title, err)
	}
	return out, nil
}

// Check calls report for each text of c (title, heading, item) that holds
// characters no font of the renderer can draw, with its line. It reads only
// the fonts' character maps, so a build can run it for every checklist,
// cached PDF or not. The article's title, printed in the footer, is the
// caller's to check: it stands on another line.
func (r *Renderer) Check(c Checklist, report func(line int, missing []rune, text string)) {
	check := func(line int, s string, st fonts.Style) {
		if m := r.lib.Missing(s, st); len(m) > 0 {
			report(line, m, s)
		}
	}
	check(c.TitleLine, c.Title, fonts.Bold)
	for _, g := range c.Groups {
		check(g.HeadingLine, g.Heading, fonts.Bold)
		for i, it := range g.Items {
			line := 0
			if i < len(g.Lines) {
				line = g.Lines[i]
			}
			check(line, it, fonts.Regular)
		}
	}
}

// MissingGlyphs is the warning for characters of a text no font can draw.
func MissingGlyphs(rs []rune, in string) string {
	var chars []string
	for i, r := range rs {
		if i == 5 && len(rs) > 6 {
			chars = append(chars, fmt.Sprintf("and %d more", len(rs)-5))
			break
		}
		chars = append(chars, fmt.Sprintf("%q (%U)", r, r))
	}
	what := "character " + chars[0] + " has"
	if len(chars) > 1 {
		what = "characters " + strings.Join(chars, ", ") + " have"
	}
	return fmt.Sprintf("%s no glyph in the fonts of the checklist PDFs and share cards, which show a box instead (in %q): name a font that has them under fonts: in content/site.yaml (README, \"Fonts for every script\")", what, in)
}

// validate checks what Render cannot draw sensibly and normalises the
// whitespace of every text, so a stray newline or tab does not reach the page.
// It returns the link URL in ASCII form (non-ASCII characters
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
	href = u.String()
	if c.LinkURL != "" {
		l, err := url.Parse(c.LinkURL)
		if err != nil || (l.Scheme != "http" && l.Scheme != "https") || l.Host == "" {
			return "", fmt.Errorf("link url %q is not an absolute http(s) URL", c.LinkURL)
		}
		href = l.String()
	}
	c.Title = oneLine(c.Title)
	if c.Title == "" {
		return "", errors.New("title is empty")
	}
	c.Intro = oneLine(c.Intro)
	c.ArticleTitle = oneLine(c.ArticleTitle)
	c.SiteName = oneLine(c.SiteName)
	c.Date = oneLine(c.Date)
	c.Labels = c.Labels.withDefaults()
	if c.Labels.From == "" {
		c.Labels.From = "From the article “" + c.ArticleTitle + "”"
	}
	c.Labels.From = oneLine(c.Labels.From)
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
			groups = append(groups, Group{Heading: oneLine(g.Heading), Items: items, HeadingLine: g.HeadingLine, Lines: g.Lines})
		}
	}
	if len(groups) == 0 {
		return "", errors.New("checklist has no items")
	}
	c.Groups = groups
	return href, nil
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
const Version = "pdf-2"
