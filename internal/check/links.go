package check

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
)

// Where is a place that refers to a URL: a content file and line, or a
// built page ("page /topics/trust/") for links the layouts made.
type Where struct {
	Path string
	Line int
}

// ExternalRef is a URL on another site and every place that refers to it.
type ExternalRef struct {
	URL   string // absolute http(s), without its fragment
	Image bool   // loaded as an image
	Where []Where
}

// Links checks every link and image of the built site that stays on it:
// the page or file it names exists (or a redirect leads to one), and the
// heading it names (#id) is on that page. Links in Markdown are reported at
// their file and line; links the layouts made, at the page ("page
// /topics/trust/"). External links are not fetched: they are returned,
// each once with every place that uses it, for External. baseURL is the
// site's: absolute links to it are checked as its own.
func Links(idx *content.Index, out *Output, baseURL string) (findings []*content.Error, external []ExternalRef) {
	c := linkChecker{out: out, ext: map[string]*ExternalRef{}}
	if u, err := url.Parse(baseURL); err == nil {
		c.host = strings.ToLower(u.Host)
	}
	covered := map[string]map[string]bool{} // page URL → resolved targets its Markdown links to
	for _, p := range pages(idx) {
		seen := map[string]bool{}
		covered[p.URL] = seen
		for _, l := range p.Doc.Links {
			key := c.check(p.URL, l.Dest, l.Image, Where{Path: p.Path, Line: l.Line})
			seen[key] = true
		}
	}
	// What the layouts link to: every page's references that its own
	// Markdown did not make.
	urls := make([]string, 0, len(out.Pages))
	for u := range out.Pages {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		seen := covered[u]
		for _, r := range out.Pages[u].Refs {
			if key := c.key(u, r.URL); seen[key] {
				continue
			}
			c.check(u, r.URL, r.Image, Where{Path: "page " + u})
		}
	}
	for _, e := range c.ext {
		external = append(external, *e)
	}
	sort.Slice(external, func(i, j int) bool { return external[i].URL < external[j].URL })
	return collapsePages(c.findings), external
}

// linkedInShare is the address of LinkedIn's share page.
const linkedInShare = "https://www.linkedin.com/sharing/"

type linkChecker struct {
	out      *Output
	host     string // the site's, lower case
	ext      map[string]*ExternalRef
	findings []*content.Error
	reported map[string]bool // "where|target", so a page's repeated link is reported once
}

// target is where a reference leads.
type target struct {
	kind     int    // skip, internal or external
	path     string // internal: the URL path; external: the URL without fragment
	fragment string
	err      error
}

const (
	skip = iota
	internal
	external
)

// resolve reads a reference made on the page at pageURL.
func (c *linkChecker) resolve(pageURL, raw string) target {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return target{}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return target{kind: internal, err: fmt.Errorf("link %q is not a valid URL: %v", raw, err)}
	}
	switch {
	case u.Scheme == "" && u.Host == "":
		p := u.Path
		switch {
		case p == "":
			p = pageURL
		case !strings.HasPrefix(p, "/"):
			dir := pageURL
			if !strings.HasSuffix(dir, "/") {
				dir = path.Dir(dir) // a file such as /404.html
			}
			p = path.Join(dir, p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		}
		return target{kind: internal, path: p, fragment: u.Fragment}
	case (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "") && u.Host != "":
		if strings.EqualFold(u.Host, c.host) {
			p := u.Path
			if p == "" {
				p = "/"
			}
			return target{kind: internal, path: p, fragment: u.Fragment}
		}
		if u.Scheme == "" {
			u.Scheme = "https"
		}
		u.Fragment, u.RawFragment = "", ""
		return target{kind: external, path: u.String()}
	}
	return target{} // mailto:, tel:, data: …
}

// key names what a reference leads to, so that one made by Markdown and
// seen again in the page is checked once.
func (c *linkChecker) key(pageURL, raw string) string {
	t := c.resolve(pageURL, raw)
	return fmt.Sprint(t.kind, "|", t.path, "#", t.fragment)
}

// check checks one reference and returns its key.
func (c *linkChecker) check(pageURL, raw string, image bool, w Where) string {
	t := c.resolve(pageURL, raw)
	key := fmt.Sprint(t.kind, "|", t.path, "#", t.fragment)
	switch {
	case t.err != nil:
		c.report(w, key, t.err)
	case t.kind == external && strings.HasPrefix(t.path, linkedInShare):
		// The layouts' share link leads to LinkedIn's share page for
		// this page: nothing there to check.
	case t.kind == external:
		e := c.ext[t.path]
		if e == nil {
			e = &ExternalRef{URL: t.path, Image: image}
			c.ext[t.path] = e
		}
		e.Where = append(e.Where, w)
	case t.kind == internal:
		if err := c.internal(t, image); err != nil {
			c.report(w, key, err)
		}
	}
	return key
}

// internal checks a link to the site itself.
func (c *linkChecker) internal(t target, image bool) error {
	p := t.path
	if !c.out.Files[p] {
		to, redirected := c.out.Redirects[p]
		switch {
		case redirected && c.out.Files[to]:
			p = to
		case c.out.Files[p+"/"]:
			return fmt.Errorf("link to %s should end with a slash: %s/", p, p)
		case image:
			return fmt.Errorf("image %s is missing: no file of the site has that URL", p)
		default:
			return fmt.Errorf("link to %s leads nowhere: no page or file of the site has that URL", p)
		}
	}
	if t.fragment == "" || t.fragment == "top" || image {
		return nil
	}
	page := c.out.Pages[p]
	if page == nil || page.IDs[t.fragment] {
		return nil // not a page (a PDF, a feed): fragments are its own business
	}
	return fmt.Errorf("link to %s#%s: that page has no heading or element with the id %q", p, t.fragment, t.fragment)
}

// report records a finding once per place and target.
func (c *linkChecker) report(w Where, key string, err error) {
	if c.reported == nil {
		c.reported = map[string]bool{}
	}
	k := fmt.Sprint(w.Path, ":", w.Line, "|", key)
	if c.reported[k] {
		return
	}
	c.reported[k] = true
	c.findings = append(c.findings, &content.Error{Path: w.Path, Line: w.Line, Err: err})
}

// collapsePages reports a problem of the layouts, which repeats on every
// page made with them, once: at its first page, with the number of others.
func collapsePages(findings []*content.Error) []*content.Error {
	type group struct {
		first *content.Error
		more  int
	}
	groups := map[string]*group{}
	var out []*content.Error
	for _, f := range findings {
		if !strings.HasPrefix(f.Path, "page ") {
			out = append(out, f)
			continue
		}
		msg := f.Err.Error()
		if g := groups[msg]; g != nil {
			g.more++
			continue
		}
		groups[msg] = &group{first: f}
	}
	for _, g := range groups {
		f := g.first
		if g.more > 0 {
			f = &content.Error{Path: fmt.Sprintf("%s (and %d other %s)", f.Path, g.more, plural(g.more, "page", "pages")), Err: f.Err}
		}
		out = append(out, f)
	}
	content.SortErrors(out)
	return out
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
