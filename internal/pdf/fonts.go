package pdf

import (
	"fmt"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// family is the name the fonts are registered under in each document.
const family = "go"

// fontStyle picks one of the two embedded fonts: regular for items and
// small print, bold for the title, headings and the notes label. A third
// font would add ~10 KB and a parse to every sheet for little gain.
type fontStyle string

const (
	regular fontStyle = ""
	bold    fontStyle = "B"
)

// addFonts registers the Go fonts with f. fpdf embeds only the glyphs a
// document uses (a subset), with a ToUnicode map so text extracts as typed.
func addFonts(f *fpdf.Fpdf) {
	f.AddUTF8FontFromBytes(family, string(regular), goregular.TTF)
	f.AddUTF8FontFromBytes(family, string(bold), gobold.TTF)
}

// coverage holds the parsed fonts used to check that every character has a
// glyph. It is built on first use and never written afterwards; sfnt.Font
// methods are safe for concurrent use with a nil or per-call Buffer.
var coverage = sync.OnceValues(func() ([2]*sfnt.Font, error) {
	var fonts [2]*sfnt.Font
	for i, ttf := range [2][]byte{goregular.TTF, gobold.TTF} {
		fnt, err := sfnt.Parse(ttf)
		if err != nil {
			return fonts, fmt.Errorf("parse go font: %w", err)
		}
		fonts[i] = fnt
	}
	return fonts, nil
})

// checkGlyphs reports the first character the fonts cannot draw, with the
// text it stands in, so a writer can replace it. Without this check the
// sheet would print an empty box (and fpdf would fail outright on
// characters beyond U+FFFF, such as emoji).
func checkGlyphs(c *Checklist) error {
	fonts, err := coverage()
	if err != nil {
		return err
	}
	var buf sfnt.Buffer
	check := func(style fontStyle, s string) error {
		fnt := fonts[0]
		if style == bold {
			fnt = fonts[1]
		}
		for _, r := range s {
			if r >= ' ' && r <= '~' {
				continue // every Go font has printable ASCII
			}
			gi, err := fnt.GlyphIndex(&buf, r)
			if err != nil {
				return fmt.Errorf("look up %U in %q: %w", r, s, err)
			}
			if gi == 0 {
				return fmt.Errorf("character %q (%U) in %q is not in the Go fonts: replace it", r, r, s)
			}
		}
		return nil
	}
	for _, t := range []struct {
		style fontStyle
		text  string
	}{
		{bold, c.Title}, {regular, c.Intro}, {regular, c.ArticleTitle},
		{regular, c.ArticleURL}, {regular, c.SiteName}, {bold, notesLabel},
	} {
		if err := check(t.style, t.text); err != nil {
			return err
		}
	}
	for _, g := range c.Groups {
		if err := check(bold, g.Heading); err != nil {
			return err
		}
		for _, it := range g.Items {
			if err := check(regular, it); err != nil {
				return err
			}
		}
	}
	return nil
}
