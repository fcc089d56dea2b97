// Package migrate moves a Hugo or Jekyll site's posts and pages into folio's
// layout. It reads the old site through an fs.FS and returns the files to
// write and a report; it writes nothing itself (cmd/folio does, and never
// replaces a file).
//
// An import runs in four steps (importer.run):
//  1. the generator's reader (hugo.go, jekyll.go) reads the old site's
//     settings and finds its posts and pages, each with the URL the old site
//     gave it, so that the old URL becomes an alias and links keep working;
//  2. every page gets a folio slug; pages whose names collide get the names
//     of the folders they were in (2019/05/notes.md → 2019-05-notes);
//  3. each body is converted: the generator's template syntax first
//     (shortcodes, Liquid tags), then links to old URLs are pointed at the
//     new ones and the files they lead to are copied;
//  4. front matter is mapped to folio's keys and written as YAML.
//
// Everything the importer could not convert (a custom shortcode, a Liquid
// loop) stays in the text and is reported with the file and line of the new
// file, so the writer can finish the job in one pass.
package migrate

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/slug"
)

// Level says how much a note matters to the writer.
type Level uint8

const (
	// Info is something the importer did that the writer may want to know.
	Info Level = iota
	// Left is template syntax the importer could not convert: it stays in
	// the text, where the writer should replace it.
	Left
	// Warning is something lost or guessed.
	Warning
	// Error is a file that could not be imported.
	Error
)

func (l Level) String() string {
	switch l {
	case Left:
		return "left"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// Note is one line of the import report.
type Note struct {
	Level Level
	// Path is the file in the new site the note is about, or the old site's
	// file when nothing was written for it; empty for the whole import.
	Path string
	Line int    // 0 when the note is about the whole file
	From string // the old file and line the text came from, such as "content/posts/a.md:12"
	Msg  string
	// InOld is true when Path is a file of the old site (one that was not
	// imported), false when it is a file of the new site.
	InOld bool
}

func (n Note) String() string {
	var b strings.Builder
	if n.Path != "" {
		b.WriteString(n.Path)
		if n.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(n.Line))
		}
		b.WriteString(": ")
	}
	b.WriteString(n.Msg)
	if n.From != "" {
		b.WriteString(" (from ")
		b.WriteString(n.From)
		b.WriteByte(')')
	}
	return b.String()
}

// File is one file of the new site.
type File struct {
	Path string // in the new site, slash-separated: "content/articles/a.md"
	Data []byte // the contents, or nil for a copy of Src
	Src  string // the old site's file to copy, when Data is nil
}

// Result is what an import produces.
type Result struct {
	Generator string // "hugo" or "jekyll"
	Articles  int
	Pages     int
	Files     []File // sorted by Path
	Notes     []Note // sorted by Path and Line
}

// Count returns the number of notes at a level.
func (r *Result) Count(l Level) int {
	n := 0
	for _, note := range r.Notes {
		if note.Level == l {
			n++
		}
	}
	return n
}

// Options shape an import.
type Options struct {
	// Language is the one language to import from a multilingual Hugo
	// site; empty means all of them: the default language is the site's,
	// the others' pages are translations of it.
	Language string
	// Now dates Jekyll drafts that have no date of their own.
	Now time.Time
	// SiteYAML is true when the new site has content/site.yaml already: the
	// importer then suggests settings instead of writing the file.
	SiteYAML bool
}

// page is one post or page of the old site on its way into folio.
type page struct {
	src      string         // the file in the old site
	fm       map[string]any // front matter as read (Hugo's keys lower-cased)
	body     string
	bodyLine int  // the line of src the body starts on
	article  bool // a dated post, not a standalone page

	names     []string // slug candidates, shortest first
	oldURL    string   // the URL the old site gave it: "/posts/a/"
	aliases   []string // further old URLs (aliases:, redirect_from:)
	bundle    string   // the old folder of a page bundle, or ""
	resources []string // the bundle's other files, old paths

	title         string
	date, updated stamp
	draft         bool
	fmMapped      folioFront // everything else mapped from the front matter
	original      *page      // the page this one translates, or nil

	// cleaned are the notes of the generator's clean, by line of the
	// converted text.
	cleaned []cleanNote

	// Set when slugs are assigned.
	slug string
	url  string // new URL: "/articles/a/"
	path string // new file: "content/articles/a.md"
}

// cleanNote is a note about a line the generator's clean changed.
type cleanNote struct {
	line  int // of the converted text, from 1
	level Level
	msg   string
}

// folioFront holds the front-matter values that map onto folio's keys.
type folioFront struct {
	summary  string
	authors  []string
	language string // the page's own language, when the old site named one
	topics   []string
	series   string
	image    string
	imageAlt string
}

// settings are what the old site's configuration says about the whole site.
type settings struct {
	title       string
	description string
	baseURL     string // scheme://host of the old site, without a path
	basePath    string // the path the old site lived under ("/blog"), or ""
	language    string
	author      string
	unsafeHTML  bool           // the old site let raw HTML through
	location    *time.Location // the old site's time zone, for dates written without one
}

// importer holds the state of one import; only run's goroutine touches it.
type importer struct {
	old  fs.FS
	opt  Options
	gen  string
	site settings

	pages []*page
	// files maps the URL of every file the old site published as is (images,
	// downloads) to its path in the old site, so links to them can be
	// followed and the files copied.
	files map[string]string
	// convert turns the generator's template syntax in a body into Markdown.
	convert func(p *page, text string) *body
	// clean tidies the converted Markdown of things folio has no use for
	// (kramdown's attribute lists); it never adds or removes a line.
	clean func(p *page, text string) string

	topics  map[string]bool   // slugs of the imported articles' topics
	byURL   map[string]*page  // old URL → page
	bySrc   map[string]*page  // old file → page
	copies  map[string]string // new static path → old file
	rawHTML map[*page]bool    // pages whose converted text needs unsafe_html
	dropped map[string]int    // front-matter key → files it was dropped from
	notes   []Note
	pending []pendingNote
}

func newImporter(old fs.FS, gen string, opt Options) *importer {
	return &importer{
		old: old, opt: opt, gen: gen,
		files:   map[string]string{},
		topics:  map[string]bool{},
		byURL:   map[string]*page{},
		bySrc:   map[string]*page{},
		copies:  map[string]string{},
		rawHTML: map[*page]bool{},
		dropped: map[string]int{},
	}
}

// note records a note about a file of the new site, or the whole import.
func (im *importer) note(l Level, p string, line int, format string, args ...any) {
	im.notes = append(im.notes, Note{Level: l, Path: p, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// oldNote records a note about a file of the old site that is not imported.
func (im *importer) oldNote(l Level, p string, line int, format string, args ...any) {
	im.notes = append(im.notes, Note{Level: l, Path: p, Line: line, Msg: fmt.Sprintf(format, args...), InOld: true})
}

// pageNote records a note about a page before it has its new file; run
// points it at the new file once it has one.
func (im *importer) pageNote(l Level, p *page, format string, args ...any) {
	im.pending = append(im.pending, pendingNote{p: p, note: Note{Level: l, Msg: fmt.Sprintf(format, args...)}})
}

type pendingNote struct {
	p    *page
	note Note
}

// run converts the pages the reader found into the result.
func (im *importer) run() *Result {
	kept := im.pages[:0]
	for _, p := range im.pages {
		if !p.article && strings.TrimSpace(p.body) == "" {
			// Archives, tag lists, search: the old theme's layout made them.
			im.oldNote(Info, p.src, 0, "a page without text (its layout made it): not imported, folio makes its own lists")
			continue
		}
		kept = append(kept, p)
	}
	im.pages = kept
	im.checkLanguage()
	im.assignSlugs()
	for _, p := range im.pages {
		if p.article {
			for _, t := range p.fmMapped.topics {
				im.topics[slug.Make(t)] = true
			}
		}
		im.bySrc[p.src] = p
		for _, u := range append([]string{p.oldURL}, p.aliases...) {
			if u == "" {
				continue
			}
			im.byURL[urlKey(u)] = p
			// Links written without the base path the old site lived
			// under ({% link %} without {{ site.baseurl }}) find it too.
			if b := im.site.basePath; b != "" && strings.HasPrefix(u, b+"/") {
				if k := urlKey(strings.TrimPrefix(u, b)); im.byURL[k] == nil {
					im.byURL[k] = p
				}
			}
		}
	}
	res := &Result{Generator: im.gen}
	newURLs := map[string]bool{}
	for _, p := range im.pages {
		newURLs[p.url] = true
	}
	for _, p := range im.pages {
		data := im.write(p, newURLs)
		res.Files = append(res.Files, File{Path: p.path, Data: data})
		dir := path.Dir(p.path)
		for _, r := range p.resources {
			res.Files = append(res.Files, File{Path: dir + "/" + strings.TrimPrefix(r, p.bundle+"/"), Src: r})
		}
		if p.article {
			res.Articles++
		} else {
			res.Pages++
		}
	}
	for dst, src := range im.copies {
		res.Files = append(res.Files, File{Path: dst, Src: src})
	}
	if f, ok := im.siteFile(); ok {
		res.Files = append(res.Files, f)
	}
	for _, n := range im.pending {
		n.note.Path, n.note.From = n.p.path, n.p.src
		im.notes = append(im.notes, n.note)
	}
	im.summarise()
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	sort.SliceStable(im.notes, func(i, j int) bool {
		a, b := im.notes[i], im.notes[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Level > b.Level
	})
	res.Notes = im.notes
	return res
}

// summarise adds the notes about the whole import.
func (im *importer) summarise() {
	keys := make([]string, 0, len(im.dropped))
	for k := range im.dropped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s (%d)", k, im.dropped[k])
		}
		im.note(Info, "", 0, "front-matter keys folio has no use for were left out: %s", strings.Join(parts, ", "))
	}
	if len(im.rawHTML) > 0 && !im.site.unsafeHTML {
		im.note(Warning, "", 0, "%d %s raw HTML that folio shows as text unless content/site.yaml sets unsafe_html: true", len(im.rawHTML), plural(len(im.rawHTML), "page has", "pages have"))
	} else if len(im.rawHTML) > 0 && im.opt.SiteYAML {
		im.note(Warning, "content/site.yaml", 0, "the old site let raw HTML through and %d %s it: set unsafe_html: true, or it shows as text", len(im.rawHTML), plural(len(im.rawHTML), "page uses", "pages use"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// urlKey is the form old URLs are compared in: decoded, without index.html,
// without a trailing slash.
func urlKey(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = decodePath(u)
	u = strings.TrimSuffix(u, "index.html")
	u = strings.TrimSuffix(u, "index.htm")
	u = strings.TrimRight(u, "/")
	if u == "" {
		return "/"
	}
	return u
}
