package markdown

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// Syntax themes: chroma's Modus themes, made for WCAG AAA contrast; light for
// the site's light scheme, dark inside prefers-color-scheme: dark.
const (
	lightTheme = "modus-operandi"
	darkTheme  = "modus-vivendi"
)

// minContrast is WCAG AA for body-size text. SyntaxCSS darkens or lightens any
// colour of a theme that falls short against its background, so that code
// passes accessibility checkers whatever the theme.
const minContrast = 4.5

// SyntaxCSS returns the stylesheet for highlighted code (static/css/syntax.css
// holds it; a test keeps the two equal): the background and the colour of
// every token class, in a light theme and, for readers who prefer it, a dark
// one.
func SyntaxCSS() string {
	light, dark := styles.Get(lightTheme), styles.Get(darkTheme)
	var b strings.Builder
	b.WriteString("/* Highlighted code: made by folio from chroma's " + lightTheme + " and " + darkTheme + " themes\n" +
		"   (internal/markdown/highlightcss.go; go test ./internal/markdown -run SyntaxCSS -update). */\n")
	classes := syntaxClasses()
	// A class plain in both themes needs no rule.
	for c, t := range classes {
		if plainToken(light, t) && plainToken(dark, t) {
			delete(classes, c)
		}
	}
	writeTheme(&b, light, classes, "")
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	writeTheme(&b, dark, classes, "  ")
	b.WriteString("}\n")
	return b.String()
}

// syntaxClasses maps each class name to the token type it stands for, the
// most general of the types that share it.
func syntaxClasses() map[string]chroma.TokenType {
	out := map[string]chroma.TokenType{}
	for t, c := range chroma.StandardTypes {
		if c == "" || t < 0 { // plain text, and chroma's own markers (lines, background)
			continue
		}
		if old, ok := out[c]; !ok || t < old {
			out[c] = t
		}
	}
	return out
}

// plainToken reports whether a theme shows tokens of type t as plain text.
func plainToken(s *chroma.Style, t chroma.TokenType) bool {
	e, text := s.Get(t), s.Get(chroma.Text)
	return (!e.Colour.IsSet() || e.Colour == text.Colour) && e.Bold != chroma.Yes && e.Italic != chroma.Yes && e.Underline != chroma.Yes
}

func writeTheme(b *strings.Builder, s *chroma.Style, classes map[string]chroma.TokenType, indent string) {
	bg := s.Get(chroma.Background).Background
	text := s.Get(chroma.Text).Colour
	if !text.IsSet() {
		text = s.Get(chroma.Background).Colour
	}
	text = readable(text, bg)
	// pre.chroma, not .chroma: as specific as a design's ".prose pre", and
	// linked after site.css, so these colours win over its background.
	fmt.Fprintf(b, "%spre.chroma { background: %s; color: %s; }\n", indent, bg, text)
	names := make([]string, 0, len(classes))
	for c := range classes {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		e := s.Get(classes[c])
		colour := e.Colour
		if !colour.IsSet() {
			colour = text
		}
		var props []string
		if colour != text {
			props = append(props, "color: "+readable(colour, bg).String())
		} else {
			props = append(props, "color: inherit")
		}
		if e.Bold == chroma.Yes {
			props = append(props, "font-weight: bold")
		} else {
			props = append(props, "font-weight: inherit")
		}
		if e.Italic == chroma.Yes {
			props = append(props, "font-style: italic")
		} else {
			props = append(props, "font-style: inherit")
		}
		if e.Underline == chroma.Yes {
			props = append(props, "text-decoration: underline")
		}
		fmt.Fprintf(b, "%s.chroma .%s { %s; }\n", indent, c, strings.Join(props, "; "))
	}
}

// readable returns c, or c moved toward black or white (whichever contrasts
// with bg) just far enough to reach minContrast against bg.
func readable(c, bg chroma.Colour) chroma.Colour {
	toward := chroma.Colour(0x000000 + 1)
	if luminance(bg) < 0.5 {
		toward = chroma.Colour(0xffffff + 1)
	}
	for step := 0; step <= 20 && contrast(c, bg) < minContrast; step++ {
		c = mix(c, toward, 0.1)
	}
	return c
}

func mix(a, b chroma.Colour, t float64) chroma.Colour {
	ch := func(x, y uint8) int { return int(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return chroma.Colour(ch(a.Red(), b.Red())<<16|ch(a.Green(), b.Green())<<8|ch(a.Blue(), b.Blue())) + 1
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG 2 relative luminance of a colour.
func luminance(c chroma.Colour) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.Red()) + 0.7152*lin(c.Green()) + 0.0722*lin(c.Blue())
}
