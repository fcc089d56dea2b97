package build

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/peeplcoach/folio/internal/cache"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/pdf"
	"github.com/peeplcoach/folio/internal/render"
	"github.com/peeplcoach/folio/internal/social"
)

// artifact is an output file that is slow to make: a checklist PDF or a share
// card. It is made once per key and kept in the cache folder.
type artifact struct {
	path string // output file
	ext  string
	// input is everything that goes into the file; key is key.Of the
	// drawing code's version and input, its key in the cache. input is
	// let go once the key is known (20,000 checklists' worth of copies).
	input any
	key   key.Sum
	make  func() ([]byte, error)

	size int64 // set by ensureArtifacts; 0 in serve mode, which makes them lazily
	// made says this run made the cache file (it was missing or damaged):
	// a published hard link to the old one must be replaced even though
	// the key, and so the output's record, did not change.
	made bool
}

// artifactSet is the artifacts of one index.
type artifactSet struct {
	key        key.Sum // of every artifact's path, key and size, once made
	arts       []*artifact
	checklists map[string]*checklistFiles // by article source path
	cards      map[string]*artifact       // by article source path
	siteCard   *artifact
	probs      content.Problems // of the drawing tools (fonts, logo)
}

// checklistFiles are an article's two checklist PDFs.
type checklistFiles struct{ a4, letter *artifact }

// checklistIn is what a checklist PDF is made from.
type checklistIn struct {
	Version   string
	Size      string
	Drawing   string // the fonts' and logo's key
	Checklist pdf.Checklist
}

// cardIn is what a share card is made from. CardInput.Key carries the
// version of the drawing code.
type cardIn struct {
	Version string
	Card    social.CardInput
}

// artifacts lists the checklist PDFs and share cards of the site, makes those
// the cache lacks, and learns the size of each (pages show the size of the
// PDFs they link). See caches.artifacts.
func (b *Builder) artifacts(ctx context.Context, idx *content.Index, indexKey key.Sum, assetsKey key.Sum, files []published, words *i18n.Catalog) (*artifactSet, error) {
	site := idx.Site
	d := b.drawing(site, words) // fonts, logo, words: made again only when they change (fonts.go)
	in := key.Of(indexKey, assetsKey, b.c.site.skey, d.key)
	if m := b.c.artifacts; m.set != nil && m.in == in {
		return m.set, nil
	}
	set := &artifactSet{checklists: map[string]*checklistFiles{}, cards: map[string]*artifact{}, probs: d.probs}
	for _, a := range idx.Articles {
		if a.Checklist != nil && site.Checklists {
			files := &checklistFiles{a4: checklistArtifact(site, a, pdf.A4, d), letter: checklistArtifact(site, a, pdf.Letter, d)}
			set.arts = append(set.arts, files.a4, files.letter)
			set.checklists[a.Path] = files
		}
		if a.Image.Src == "" && site.ShareCards {
			art := cardArtifact(strings.TrimPrefix(a.URL, "/")+"card.png", cardInput(site, a, d), d)
			set.cards[a.Path] = art
			set.arts = append(set.arts, art)
		}
	}
	if site.Image.Src == "" && site.ShareCards {
		cin := social.CardInput{Title: site.Title, SiteName: site.Description}
		set.siteCard = cardArtifact("card.png", cin, d)
		set.arts = append(set.arts, set.siteCard)
		if missing, _ := d.painter.Missing(cin); len(missing) > 0 {
			set.probs.Warnings = append(set.probs.Warnings, &content.Error{Path: content.SitePath, Line: site.Lines["title"], Err: errors.New(pdf.MissingGlyphs(missing, site.Title+" "+site.Description))})
		}
	}
	set.arts = append(set.arts, b.imageArtifacts(idx, files)...)
	if err := b.ensureArtifacts(ctx, set.arts); err != nil {
		return nil, err
	}
	h := key.New()
	for _, a := range set.arts {
		h.String(a.path)
		h.Key(a.key)
		h.Int(a.size)
	}
	set.key = h.Sum()
	b.c.artifacts = artifactsMemo{in: in, set: set}
	return set, nil
}

// checklistArtifact is one of an article's checklist PDFs. It is made from
// the article's listing: the source lines of its items, for messages, are
// read by the glyph check (plan.go), not here.
func checklistArtifact(site *content.Site, a *content.Article, size pdf.PageSize, d *drawing) *artifact {
	c := checklistPDF(site, a, d)
	return &artifact{
		path:  strings.TrimPrefix(a.URL, "/") + "checklist-" + size.String() + ".pdf",
		ext:   ".pdf",
		input: checklistIn{Version: pdf.Version, Size: size.String(), Drawing: d.key, Checklist: c},
		make:  func() ([]byte, error) { return d.renderer.Render(c, size) },
	}
}

func cardArtifact(path string, in social.CardInput, d *drawing) *artifact {
	return &artifact{
		path:  path,
		ext:   ".png",
		input: cardIn{Version: d.painter.Key(in), Card: in},
		make:  func() ([]byte, error) { return d.painter.Card(in) },
	}
}

// checklistPDF is what the PDF of an article's checklist shows. Its links
// carry utm_source=checklist with the campaign of the article's posts.
func checklistPDF(site *content.Site, a *content.Article, d *drawing) pdf.Checklist {
	title, intro := checklistWords(a, d.words)
	c := pdf.Checklist{
		Title:        title,
		Intro:        intro,
		ArticleTitle: a.Title,
		ArticleURL:   site.URL(a.URL),
		LinkURL:      pdf.TrackedURL(site.URL(a.URL), campaign(site, a)),
		SiteName:     site.Title,
		Date:         d.words.Date(a.Date),
		Author:       firstNonEmpty(a.Author, site.Author.Name),
		Subject:      a.Summary,
		Lang:         firstNonEmpty(a.Language, site.Language), // the text's language, for screen readers and search
		Created:      a.Date,
		TitleLine:    a.Line("title"),
		Labels: pdf.Labels{
			Notes: d.words.T("notes"),
			Scan:  d.words.T("checklist_scan"),
			From:  d.words.T("checklist_from", "title", d.words.Quote(a.Title)),
			Page:  d.words.T("page_of", "page", "{page}", "pages", "{pages}"),
		},
	}
	if _, ok := a.Doc.KeyLines["checklist"]; ok && a.Checklist.Title != "" {
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

// ensureArtifacts computes the key of every artifact and, but in serve mode,
// makes those the cache lacks, in parallel, and records the size of each.
// folio serve makes them when first asked for, or in the background (see
// lazy.go): the preview is served long before 20,000 PDFs could be made.
func (b *Builder) ensureArtifacts(ctx context.Context, arts []*artifact) error {
	errs := make([]error, len(arts))
	err := b.parallel(ctx, len(arts), func(i int) string { return arts[i].path }, func(i int) {
		a := arts[i]
		a.key = key.Of(a.input)
		a.input = nil // the key stands for it from now on; make holds what it needs
		a.made = false
		if b.opts.Serve {
			return
		}
		if size, ok := b.blobs.size(a.key, a.ext); ok {
			a.size = size
			return
		}
		data, err := b.makeArtifact(a)
		a.size, a.made, errs[i] = int64(len(data)), err == nil, err
	})
	if err != nil {
		return err
	}
	if list := onePerCause(errs); len(list) > 0 {
		return &Errors{List: list}
	}
	return nil
}

// artifactBytes returns an artifact's bytes: from the cache, verified, or
// made anew when the cache lacks them or holds them damaged.
func (b *Builder) artifactBytes(a *artifact) ([]byte, error) {
	if data, ok := b.blobs.get(a.key, a.ext); ok {
		return data, nil
	}
	return b.makeArtifact(a)
}

// makeArtifact makes an artifact and keeps it. It leaves a.made to the
// caller: serve's on-demand makers run beside a rebuild that reads it.
func (b *Builder) makeArtifact(a *artifact) ([]byte, error) {
	data, err := a.make()
	if err != nil {
		return nil, fmt.Errorf("make %s: %w", a.path, err)
	}
	return data, b.blobs.put(a.key, a.ext, data)
}

// artifactFile returns the cache file of an artifact, verified, making it
// when the cache lacks it; "" without a cache folder.
func (b *Builder) artifactFile(a *artifact) (string, error) {
	if b.blobs.files == nil {
		return "", nil
	}
	if _, ok := b.blobs.files.Size(a.key, a.ext); ok {
		return b.blobs.files.Path(a.key, a.ext), nil
	}
	if _, err := b.makeArtifact(a); err != nil {
		return "", err
	}
	a.made = true
	return b.blobs.files.Path(a.key, a.ext), nil
}

// blobs keeps made artifacts: in the cache folder, one read-only file each
// (published by hard link; see cache.Files), or in memory for a Builder
// without a cache folder.
type blobs struct {
	files *cache.Files
	mu    sync.Mutex
	mem   map[key.Sum][]byte
}

func (s *blobs) size(k key.Sum, ext string) (int64, bool) {
	if s.files != nil {
		return s.files.Size(k, ext)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.mem[k]
	return int64(len(data)), ok
}

func (s *blobs) get(k key.Sum, ext string) ([]byte, bool) {
	if s.files != nil {
		return s.files.Get(k, ext)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.mem[k]
	return data, ok
}

func (s *blobs) put(k key.Sum, ext string, data []byte) error {
	if s.files != nil {
		_, err := s.files.Put(k, ext, data)
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mem == nil {
		s.mem = map[key.Sum][]byte{}
	}
	s.mem[k] = data
	return nil
}

// checklistView is the data of an article's checklist page and box.
func checklistView(site *content.Site, a *content.Article, files *checklistFiles, words *i18n.Catalog) *render.Checklist {
	title, intro := checklistWords(a, words)
	c := &render.Checklist{
		Title:   title,
		Intro:   intro,
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

// checklistWords returns the title and intro line of an article's checklist:
// the front matter's, else the site language's ("Checklist: <title>"), so
// the page and both PDFs say the same.
func checklistWords(a *content.Article, words *i18n.Catalog) (title, intro string) {
	title, intro = a.Checklist.Title, a.Checklist.Intro
	if title == "" {
		title = words.T("checklist_title", "title", a.Title)
	}
	if intro == "" {
		intro = words.T("checklist_intro")
	}
	return title, intro
}
