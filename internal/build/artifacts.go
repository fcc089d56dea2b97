package build

import (
	"context"
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
// include the version of the code that draws them, so a new folio redraws.
func (b *Builder) artifacts(idx *content.Index) (arts []*artifact, checklists map[*content.Article]*checklistFiles, cards map[*content.Article]*artifact, siteCard *artifact) {
	site := idx.Site
	checklists = map[*content.Article]*checklistFiles{}
	cards = map[*content.Article]*artifact{}
	words := postOptions(site).Strings
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
			in := social.CardInput{Title: a.Title, SiteName: site.Title}
			if a.Series != nil {
				// The series line in the words of the page and the post;
				// with no part number the card draws it as it is.
				in.Series = words.SeriesLine(a.Part, len(a.Series.Articles), a.Series.Name)
			}
			art := b.cardArtifact(strings.TrimPrefix(a.URL, "/")+"card.png", in)
			cards[a] = art
			arts = append(arts, art)
		}
	}
	if site.Image.Src == "" && site.ShareCards {
		siteCard = b.cardArtifact("card.png", social.CardInput{Title: site.Title, SiteName: site.Description})
		arts = append(arts, siteCard)
	}
	return arts, checklists, cards, siteCard
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
	h := key.New()
	h.Uint(a.SourceHash)
	h.String(pdf.Version, size.String(), site.Title, site.BaseURL, site.Language, site.Author.Name)
	for _, t := range a.Topics {
		h.String(t.Name)
	}
	return b.remember(path, h.Sum(), func() *artifact {
		return &artifact{
			path:  path,
			keyOf: func() string { return checklistKey(checklistPDF(site, a), size) },
			ext:   ".pdf",
			// The document is made again when needed rather than kept: the
			// artifact outlives the build, and most are never made.
			make: func() ([]byte, error) { return pdf.Render(checklistPDF(site, a), size) },
		}
	})
}

func (b *Builder) cardArtifact(path string, in social.CardInput) *artifact {
	h := key.New()
	h.String(in.Title, in.Series, in.SiteName)
	h.Uint(uint64(in.Part))
	h.Uint(uint64(in.Parts))
	return b.remember(path, h.Sum(), func() *artifact {
		return &artifact{path: path, key: in.Key(), ext: ".png", make: func() ([]byte, error) { return b.painter.Card(in) }}
	})
}

// checklistKey is the cache key of a checklist PDF: everything Render prints
// or writes in its metadata, and the version of its drawing code.
func checklistKey(c pdf.Checklist, size pdf.PageSize) string {
	parts := [][]byte{[]byte(pdf.Version), []byte(size.String()),
		[]byte(c.Title), []byte(c.Intro), []byte(c.ArticleTitle), []byte(c.ArticleURL),
		[]byte(c.SiteName), []byte(c.Author), []byte(c.Subject), []byte(c.Lang),
		[]byte(c.Created.UTC().Format(time.RFC3339Nano))}
	parts = append(parts, []byte(strings.Join(c.Keywords, "\x00")))
	for _, g := range c.Groups {
		parts = append(parts, []byte(g.Heading), []byte(strings.Join(g.Items, "\x00")), nil)
	}
	return cache.Key(parts...)
}

// checklistFiles are an article's two checklist PDFs.
type checklistFiles struct{ a4, letter *artifact }

// checklistPDF is what the PDF of an article's checklist shows.
func checklistPDF(site *content.Site, a *content.Article) pdf.Checklist {
	c := pdf.Checklist{
		Title:        a.Checklist.Title,
		Intro:        a.Checklist.Intro,
		ArticleTitle: a.Title,
		ArticleURL:   site.URL(a.URL),
		SiteName:     site.Title,
		Author:       firstNonEmpty(a.Author, site.Author.Name),
		Subject:      a.Summary,
		Lang:         site.Language,
		Created:      a.Date,
	}
	for _, t := range a.Topics {
		c.Keywords = append(c.Keywords, t.Name)
	}
	for _, g := range a.Checklist.Groups {
		c.Groups = append(c.Groups, pdf.Group{Heading: g.Heading, Items: g.Items})
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
