package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/fonts"
	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/pdf"
	"github.com/peeplcoach/folio/internal/social"
)

// drawing is what draws a build's checklist PDFs and share cards: the site's
// fonts (site.yaml fonts:) after the bundled ones, and its logo, read
// through the site's fs.FS, and the words of the site's language.
//
// Key and invariant: it is made from the site's font and logo files and
// language; stamp names their paths, sizes and modification times, and a
// build makes it again only when the stamp changes. It is immutable and safe
// for concurrent use; the renderer and painter keep the glyphs they draw for
// every artifact of every build until then.
type drawing struct {
	stamp    string
	key      string // fonts' and logo's content, for the artifacts' cache keys
	renderer *pdf.Renderer
	painter  *social.Painter
	words    *i18n.Catalog
	probs    content.Problems // at site.yaml's lines
}

// drawing returns the build's drawing tools, made again when the site's
// fonts, logo, language or strings (words, the site's i18n file included)
// changed.
func (b *Builder) drawing(site *content.Site, words *i18n.Catalog) *drawing {
	stamp := b.drawingStamp(site) + "\x00" + words.Key().String()
	if b.draw != nil && b.draw.stamp == stamp {
		return b.draw
	}
	d := &drawing{stamp: stamp, words: words}
	var files []fonts.File
	line := site.Lines["fonts"]
	for _, p := range site.Fonts {
		// "fonts/NotoSansCJK-Regular.ttc#2" is the third face of a collection.
		p, face := fontFace(p)
		name, err := sitePath(p)
		if err == nil {
			var data []byte
			if data, err = fs.ReadFile(b.fsys, name); err == nil {
				files = append(files, fonts.File{Path: name, Data: data, Face: face})
				continue
			}
		}
		d.probs.Errors = append(d.probs.Errors, &content.Error{Path: content.SitePath, Line: line, Err: fmt.Errorf("fonts: %w", err)})
	}
	lib, err := fonts.Load(files)
	if err != nil {
		d.probs.Errors = append(d.probs.Errors, &content.Error{Path: content.SitePath, Line: line, Err: fmt.Errorf("fonts: %w", err)})
		lib, _ = fonts.Default()
	}
	var logoName string
	var logo []byte
	if l := site.Organisation.Logo; l != "" && !strings.Contains(l, "://") {
		logoName = path.Join("static", strings.TrimPrefix(l, "/"))
		logo, err = fs.ReadFile(b.fsys, logoName)
		if err != nil {
			d.probs.Warnings = append(d.probs.Warnings, &content.Error{Path: content.SitePath, Line: site.Lines["organisation"],
				Err: fmt.Errorf("organisation logo: %w: the checklist PDFs have no logo", err)})
		}
	}
	d.renderer, err = pdf.NewRenderer(lib, logoName, logo)
	if err != nil {
		d.probs.Warnings = append(d.probs.Warnings, &content.Error{Path: content.SitePath, Line: site.Lines["organisation"],
			Err: fmt.Errorf("%w: the checklist PDFs have no logo", err)})
		d.renderer, _ = pdf.NewRenderer(lib, "", nil)
		logo = nil
	}
	d.painter = social.NewPainter(lib)
	d.key = key.Of(lib.Key(), logoName, logo, site.Language).String()
	b.draw = d
	return d
}

// drawingStamp names what the drawing tools are made from, cheaply: the
// font and logo paths with their sizes and modification times, and the
// language.
func (b *Builder) drawingStamp(site *content.Site) string {
	var s strings.Builder
	s.WriteString(site.Language)
	for _, p := range append(append([]string(nil), site.Fonts...), "static/"+strings.TrimPrefix(site.Organisation.Logo, "/")) {
		s.WriteString("\x00" + p)
		p, _ = fontFace(p)
		if name, err := sitePath(p); err == nil {
			if fi, err := fs.Stat(b.fsys, name); err == nil {
				fmt.Fprintf(&s, "\x01%d\x01%d", fi.Size(), fi.ModTime().UnixNano())
			}
		}
	}
	return s.String()
}

// fontFace splits a "#N" face index off a font path.
func fontFace(p string) (string, int) {
	if i := strings.LastIndexByte(p, '#'); i >= 0 {
		if n, err := strconv.Atoi(p[i+1:]); err == nil && n >= 0 {
			return p[:i], n
		}
	}
	return p, 0
}

// sitePath checks that a path from site.yaml names a file inside the site
// folder and returns it in fs.FS form.
func sitePath(p string) (string, error) {
	name := path.Clean(strings.TrimPrefix(p, "./"))
	if !fs.ValidPath(name) || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return "", fmt.Errorf("%q is not a path inside the site folder (write it relative to the folder holding content/, such as fonts/NotoSansCJKsc-Regular.otf)", p)
	}
	if name == "." {
		return "", errors.New("empty font path")
	}
	return name, nil
}

// warnings reports the texts of the articles' checklists and share cards
// that hold characters no font can draw (they print as boxes), at the line
// of the title, heading or item, one warning per text. It reads only the
// fonts' character maps, so it runs on every build, cached artifacts or not.
func (d *drawing) warnings(site *content.Site, articles []*content.Article) []*content.Error {
	var out []*content.Error
	seen := map[string]bool{}
	add := func(a *content.Article, line int, missing []rune, text string) {
		// The default checklist title repeats the article's title on its
		// line: one warning for both.
		k := a.Path + ":" + strconv.Itoa(line) + ":" + string(missing)
		if !seen[k] {
			seen[k] = true
			out = append(out, &content.Error{Path: a.Path, Line: line, Err: errors.New(pdf.MissingGlyphs(missing, text))})
		}
	}
	for _, a := range articles {
		checklist := a.Checklist != nil && site.Checklists
		card := a.Image.Src == "" && site.ShareCards
		if checklist || card {
			// The title is on the card and in the PDF's footer.
			if m, _ := d.painter.Missing(social.CardInput{Title: a.Title}); len(m) > 0 {
				add(a, a.Line("title"), m, a.Title)
			}
		}
		if checklist {
			c := checklistPDF(site, a, d)
			d.renderer.Check(c, func(line int, missing []rune, text string) { add(a, line, missing, text) })
		}
	}
	return out
}

// cardInput is what an article's share card shows: its title, the series
// line in the page's words, and the site's name.
func cardInput(site *content.Site, a *content.Article, d *drawing) social.CardInput {
	in := social.CardInput{Title: a.Title, SiteName: site.Title}
	if a.Series != nil {
		in.Series = d.words.SeriesLine(a.Part, len(a.Series.Articles), a.Series.Name)
	}
	return in
}

// checklistLines returns the source lines of a checklist's groups, as
// content.makeChecklist gathers them: task items grouped under the heading
// above them, in order; the front matter's extra groups have none.
func checklistLines(a *content.Article) (headings []int, items [][]int) {
	current := -2
	for _, t := range a.Doc.Tasks {
		if t.Heading != current {
			line := 0
			if t.Heading >= 0 {
				line = a.Doc.Headings[t.Heading].Line
			}
			headings = append(headings, line)
			items = append(items, nil)
			current = t.Heading
		}
		items[len(items)-1] = append(items[len(items)-1], t.Line)
	}
	return headings, items
}

// campaign is the utm_campaign of an article's links, as its LinkedIn posts
// have it: the article's linkedin.campaign, else the site's with {slug}
// filled in, else the slug.
func campaign(site *content.Site, a *content.Article) string {
	if c := strings.TrimSpace(a.LinkedIn.Campaign); c != "" {
		return c
	}
	if c := strings.ReplaceAll(strings.TrimSpace(site.LinkedIn.Campaign), "{slug}", a.Slug); c != "" {
		return c
	}
	return a.Slug
}
