// Package check finds what would make a published site wrong, in the spirit
// of zola check: links and images that lead nowhere (a missing page, file or
// heading, on this site or another), the placeholder text folio new writes,
// and articles with no topics or no summary.
//
// It works on what a build made and the content it made it from: a Recorder
// stands between the build and its output and keeps, for every page, the ids
// it offers and the URLs it refers to; Content and Links then report
// findings as content errors (file:line). External links are fetched by
// External, through an http.Client the caller gives, with results kept in a
// LinkCache the caller loads and saves. The package touches no disk.
package check

import (
	"bytes"
	"path"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Sink receives the output files of a build; build.Sink has these methods.
type Sink interface {
	WriteFile(path string, data []byte) error
	LinkFile(path, src string) error
	RemoveFile(path string) error
}

// Page is what one built HTML page offers and refers to.
type Page struct {
	IDs  map[string]bool // every id (and <a name>) in the page
	Refs []Ref           // every URL it links to or loads, in page order
}

// Ref is a URL a page refers to.
type Ref struct {
	URL   string // as written, entities decoded
	Image bool   // loaded as an image (img, source), not followed as a link
}

// Output is what a build wrote, by URL path: "/articles/a/" for
// articles/a/index.html, "/css/site.css" for css/site.css.
type Output struct {
	Files     map[string]bool   // every URL path a file answers
	Pages     map[string]*Page  // the HTML pages
	Redirects map[string]string // Netlify _redirects: from → to
}

// Recorder is a Sink that passes every file on to another (or to none) and
// records what the site offers, for Links. It is safe for concurrent use,
// as a build writes in parallel.
type Recorder struct {
	next Sink

	mu  sync.Mutex // guards out: the build's workers write concurrently
	out Output
}

// NewRecorder returns a Recorder that passes files on to next; next may be
// nil, to build for checking alone.
func NewRecorder(next Sink) *Recorder {
	return &Recorder{next: next, out: Output{Files: map[string]bool{}, Pages: map[string]*Page{}, Redirects: map[string]string{}}}
}

// WriteFile records the file (its ids and links when it is a page) and
// passes it on.
func (r *Recorder) WriteFile(p string, data []byte) error {
	var page *Page
	var redirects map[string]string
	switch {
	case path.Ext(p) == ".html":
		page = scanPage(data)
	case p == "_redirects":
		redirects = parseRedirects(data)
	}
	r.mu.Lock()
	u := URLOf(p)
	r.out.Files[u] = true
	if page != nil {
		r.out.Pages[u] = page
	}
	for from, to := range redirects {
		r.out.Redirects[from] = to
	}
	r.mu.Unlock()
	if r.next == nil {
		return nil
	}
	return r.next.WriteFile(p, data)
}

// LinkFile records the file and passes it on.
func (r *Recorder) LinkFile(p, src string) error {
	r.mu.Lock()
	r.out.Files[URLOf(p)] = true
	r.mu.Unlock()
	if r.next == nil {
		return nil
	}
	return r.next.LinkFile(p, src)
}

// RemoveFile forgets the file and passes the removal on.
func (r *Recorder) RemoveFile(p string) error {
	r.mu.Lock()
	delete(r.out.Files, URLOf(p))
	delete(r.out.Pages, URLOf(p))
	r.mu.Unlock()
	if r.next == nil {
		return nil
	}
	return r.next.RemoveFile(p)
}

// Output returns what was recorded. Call it once the build is done.
func (r *Recorder) Output() *Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	return &r.out
}

// URLOf is the URL path an output file answers: "a/index.html" → "/a/",
// "index.html" → "/", "css/site.css" → "/css/site.css".
func URLOf(p string) string {
	switch {
	case p == "index.html":
		return "/"
	case strings.HasSuffix(p, "/index.html"):
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

// scanPage reads the ids and URLs of an HTML page.
func scanPage(data []byte) *Page {
	pg := &Page{IDs: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return pg
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			tag := atom.Lookup(name)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				val := string(v)
				switch string(k) {
				case "id":
					pg.IDs[val] = true
				case "name":
					if tag == atom.A {
						pg.IDs[val] = true
					}
				case "href":
					if tag == atom.A || tag == atom.Link || tag == atom.Area {
						pg.Refs = append(pg.Refs, Ref{URL: val})
					}
				case "src":
					switch tag {
					case atom.Img, atom.Source:
						pg.Refs = append(pg.Refs, Ref{URL: val, Image: true})
					case atom.Script, atom.Iframe, atom.Video, atom.Audio, atom.Track, atom.Embed:
						pg.Refs = append(pg.Refs, Ref{URL: val})
					}
				case "srcset":
					if tag == atom.Img || tag == atom.Source {
						for _, c := range strings.Split(val, ",") {
							if f := strings.Fields(c); len(f) > 0 {
								pg.Refs = append(pg.Refs, Ref{URL: f[0], Image: true})
							}
						}
					}
				}
			}
		}
	}
}

// parseRedirects reads Netlify's _redirects: "from to [status]" per line.
func parseRedirects(data []byte) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		out[f[0]] = f[1]
	}
	return out
}
