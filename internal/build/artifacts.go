package build

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/cache"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/pdf"
	"github.com/peeplcoach/folio/internal/render"
	"github.com/peeplcoach/folio/internal/social"
)

// artifact is an output file that is slow to make: a checklist PDF or a share
// card. It is made once per key and kept in the cache folder; builds then link
// the cached file into the output.
type artifact struct {
	path string // output file
	key  string // cache key: a hash of everything that goes into the file
	ext  string
	make func() ([]byte, error)
	// keyOf computes key when it is not known yet; ensureArtifacts calls it
	// on the workers, since hashing 20,000 checklists takes a while.
	keyOf func() string

	// Set by ensureArtifacts:
	ready  bool // made or found in the cache
	size   int64
	cached string // path of the cache entry, or "" without a cache
	data   []byte // the bytes, when there is no cache
}

// artifacts lists the checklist PDFs and share cards of the site. Their keys
// include the version of the code that draws them and the fonts, so a new
// folio or a new font redraws. probs holds the drawing tools' problems
// (fonts, logo) and a warning for each character no font can draw.
func (b *Builder) artifacts(idx *content.Index) (arts []*artifact, checklists map[*content.Article]*checklistFiles, cards map[*content.Article]*artifact, siteCard *artifact, probs content.Problems) {
	site := idx.Site
	d := b.drawing(site)
	probs.Add(d.probs)
	probs.Warnings = append(probs.Warnings, d.warnings(site, idx.Articles)...)
	checklists = map[*content.Article]*checklistFiles{}
	cards = map[*content.Article]*artifact{}
	for _, a := range idx.Articles {
		if a.Checklist != nil && site.Checklists {
			files := &checklistFiles{
				a4:     b.checklistArtifact(site, a, pdf.A4),
				letter: b.checklistArtifact(site, a, pdf.Letter),
			}
			arts = append(arts, files.a4, files.letter)
			checklists[a] = files
		}
		if a.Image.Src == "" && site.ShareCards {
			art := b.cardArtifact(strings.TrimPrefix(a.URL, "/")+"card.png", cardInput(site, a, d))
			cards[a] = art
			arts = append(arts, art)
		}
	}
	if site.Image.Src == "" && site.ShareCards {
		in := social.CardInput{Title: site.Title, SiteName: site.Description}
		siteCard = b.cardArtifact("card.png", in)
		arts = append(arts, siteCard)
		if missing, _ := d.painter.Missing(in); len(missing) > 0 {
			probs.Warnings = append(probs.Warnings, &content.Error{Path: content.SitePath, Line: site.Lines["title"], Err: errors.New(pdf.MissingGlyphs(missing, site.Title+" "+site.Description))})
		}
	}
	return arts, checklists, cards, siteCard, probs
}

// memoArtifact is an artifact and a cheap hash of what it was made from, so a
// rebuild can take it as it is instead of hashing its content again.
type memoArtifact struct {
	in  uint64
	art *artifact
}

// remember returns the artifact planned for path by an earlier build when its
// inputs hash to in, or a new one from plan.
func (b *Builder) remember(path string, in uint64, plan func() *artifact) *artifact {
	if m, ok := b.artMemo[path]; ok && m.in == in {
		return m.art
	}
	a := plan()
	b.artMemo[path] = memoArtifact{in: in, art: a}
	return a
}

func (b *Builder) checklistArtifact(site *content.Site, a *content.Article, size pdf.PageSize) *artifact {
	path := strings.TrimPrefix(a.URL, "/") + "checklist-" + size.String() + ".pdf"
	// The PDF shows the page (its source), the site's name, URL, language
	// and author, and the article's topics.
	d := b.drawing(site)
	h := key.New()
	h.Uint(a.SourceHash)
	h.String(pdf.Version, size.String(), site.Title, site.BaseURL, site.Language, site.Author.Name, site.LinkedIn.Campaign, d.key)
	for _, t := range a.Topics {
		h.String(t.Name)
	}
	return b.remember(path, h.Sum(), func() *artifact {
		return &artifact{
			path:  path,
			keyOf: func() string { return checklistKey(checklistPDF(site, a, d), size, d.key) },
			ext:   ".pdf",
			// The document is made again when needed rather than kept: the
			// artifact outlives the build, and most are never made.
			make: func() ([]byte, error) { return d.renderer.Render(checklistPDF(site, a, d), size) },
		}
	})
}

func (b *Builder) cardArtifact(path string, in social.CardInput) *artifact {
	d := b.draw
	h := key.New()
	h.String(in.Title, in.Series, in.SiteName, d.key)
	return b.remember(path, h.Sum(), func() *artifact {
		return &artifact{path: path, key: d.painter.Key(in), ext: ".png", make: func() ([]byte, error) { return d.painter.Card(in) }}
	})
}

// checklistKey is the cache key of a checklist PDF: everything Render prints
// or writes in its metadata, the version of its drawing code and the key of
// its fonts and logo.
func checklistKey(c pdf.Checklist, size pdf.PageSize, drawing string) string {
	parts := [][]byte{[]byte(pdf.Version), []byte(size.String()), []byte(drawing),
		[]byte(c.Title), []byte(c.Intro), []byte(c.ArticleTitle), []byte(c.ArticleURL), []byte(c.LinkURL),
		[]byte(c.SiteName), []byte(c.Date), []byte(c.Author), []byte(c.Subject), []byte(c.Lang),
		[]byte(c.Labels.Notes), []byte(c.Labels.Scan), []byte(c.Labels.From), []byte(c.Labels.Page),
		[]byte(c.Created.UTC().Format(time.RFC3339Nano))}
	parts = append(parts, []byte(strings.Join(c.Keywords, "\x00")))
	for _, g := range c.Groups {
		parts = append(parts, []byte(g.Heading), []byte(strings.Join(g.Items, "\x00")), nil)
	}
	return cache.Key(parts...)
}

// checklistFiles are an article's two checklist PDFs.
type checklistFiles struct{ a4, letter *artifact }

// checklistPDF is what the PDF of an article's checklist shows. Its links
// carry utm_source=checklist with the campaign of the article's posts.
func checklistPDF(site *content.Site, a *content.Article, d *drawing) pdf.Checklist {
	c := pdf.Checklist{
		Title:        a.Checklist.Title,
		Intro:        a.Checklist.Intro,
		ArticleTitle: a.Title,
		ArticleURL:   site.URL(a.URL),
		LinkURL:      pdf.TrackedURL(site.URL(a.URL), campaign(site, a)),
		SiteName:     site.Title,
		Date:         d.words.Date(a.Date),
		Author:       firstNonEmpty(a.Author, site.Author.Name),
		Subject:      a.Summary,
		Lang:         site.Language,
		Created:      a.Date,
		TitleLine:    a.Line("title"),
		Labels: pdf.Labels{
			Notes: d.words.T("notes"),
			Scan:  d.words.T("checklist_scan"),
			From:  d.words.T("checklist_from", "title", d.words.Quote(a.Title)),
			Page:  d.words.T("page_of", "page", "{page}", "pages", "{pages}"),
		},
	}
	if _, ok := a.Doc.KeyLines["checklist"]; ok && a.Checklist.Title != "Checklist: "+a.Title {
		c.TitleLine = a.Line("checklist")
	}
	for _, t := range a.Topics {
		c.Keywords = append(c.Keywords, t.Name)
	}
	headings, items := checklistLines(a)
	for i, g := range a.Checklist.Groups {
		grp := pdf.Group{Heading: g.Heading, Items: g.Items}
		if i < len(headings) {
			grp.HeadingLine, grp.Lines = headings[i], items[i]
		} else {
			// A group from front matter: its items stand under checklist:.
			grp.HeadingLine = a.Line("checklist")
			for range g.Items {
				grp.Lines = append(grp.Lines, grp.HeadingLine)
			}
		}
		c.Groups = append(c.Groups, grp)
	}
	return c
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// ensureArtifacts makes every artifact the cache lacks, in parallel, and
// records the size of each: pages show the size of the PDFs they link.
func (b *Builder) ensureArtifacts(ctx context.Context, arts []*artifact) error {
	errs := make([]error, len(arts))
	b.parallel(ctx, len(arts), func(i int) {
		a := arts[i]
		if a.ready {
			return
		}
		if a.key == "" {
			a.key = a.keyOf()
		}
		if b.cache != nil {
			if size, ok := b.cache.Stat(a.key, a.ext); ok {
				a.size, a.cached, a.ready = size, b.cache.Path(a.key, a.ext), true
				return
			}
		}
		data, err := a.make()
		if err != nil {
			errs[i] = fmt.Errorf("make %s: %w", a.path, err)
			return
		}
		a.size = int64(len(data))
		if b.cache == nil {
			a.data, a.ready = data, true
			return
		}
		if a.cached, err = b.cache.Put(a.key, a.ext, data); err != nil {
			errs[i] = err
			return
		}
		a.ready = true
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	var list []error
	for _, err := range errs {
		if err != nil {
			list = append(list, err)
		}
	}
	if len(list) > 0 {
		return &Errors{List: list}
	}
	return nil
}

// checklistView is the data of an article's checklist page and box.
func checklistView(site *content.Site, a *content.Article, files *checklistFiles) *render.Checklist {
	c := &render.Checklist{
		Title:   a.Checklist.Title,
		Intro:   a.Checklist.Intro,
		Article: render.Link{Name: a.Title, URL: site.URL(a.URL)},
		Date:    a.Date,
		Links: render.ChecklistLinks{
			Page:   a.URL + "checklist/",
			A4:     render.Download{URL: "/" + files.a4.path, Size: files.a4.size},
			Letter: render.Download{URL: "/" + files.letter.path, Size: files.letter.size},
			Items:  a.Checklist.Items(),
		},
	}
	for _, g := range a.Checklist.Groups {
		c.Groups = append(c.Groups, render.ChecklistGroup{Heading: g.Heading, Items: g.Items})
	}
	return c
}
