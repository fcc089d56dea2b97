package migrate

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// htmlTag matches an HTML start or end tag (not an autolink such as
// <https://…>, which has a colon after its name).
var htmlTag = regexp.MustCompile(`<[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|</[a-zA-Z][a-zA-Z0-9-]*\s*>`)

// siteFile returns content/site.yaml made from the old site's settings, when
// the new site has none; otherwise it notes the settings worth copying.
func (im *importer) siteFile() (File, bool) {
	s := im.site
	if im.opt.SiteYAML {
		return File{}, false
	}
	title := s.title
	if title == "" {
		title = "My site"
		im.note(Warning, "content/site.yaml", 0, "the old site has no title: set title:")
	}
	base := s.baseURL
	if base == "" {
		base = "https://example.com/"
		im.note(Warning, "content/site.yaml", 0, "the old site has no base URL: set base_url: to the site's address")
	}
	if s.basePath != "" {
		im.note(Info, "content/site.yaml", 0, "the old site lived under %s/; a folio site lives at the root of its host, and the aliases keep the old %s/… URLs working there", s.basePath, s.basePath)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Site settings for folio, made by folio import %s. See README.md, \"Site settings\".\n", im.gen)
	fmt.Fprintf(&b, "title: %s\n", quote(title))
	fmt.Fprintf(&b, "base_url: %s\n", quote(strings.TrimSuffix(base, "/")+"/"))
	if s.language != "" {
		fmt.Fprintf(&b, "language: %s\n", quote(s.language))
	}
	if s.description != "" {
		fmt.Fprintf(&b, "description: %s\n", quote(s.description))
	}
	author := s.author
	if author == "" {
		// Feeds must name an author; the site's name stands in.
		author = title
		im.note(Info, "content/site.yaml", 0, "the old site names no author: author: is the site's title, %q", title)
	}
	fmt.Fprintf(&b, "author:\n  name: %s\n", quote(author))
	if s.unsafeHTML && len(im.rawHTML) > 0 {
		b.WriteString("# The old site let raw HTML in Markdown through, and some pages use it.\nunsafe_html: true\n")
	}
	return File{Path: "content/site.yaml", Data: []byte(b.String())}, true
}

// splitBase splits a site's base URL into its scheme and host
// ("https://example.com") and the path under it ("/blog"), the part folio
// cannot keep.
func splitBase(raw string) (base, basePath string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		// "/blog" or "" (Jekyll's baseurl alone).
		return "", strings.TrimRight(raw, "/")
	}
	scheme := u.Scheme
	if scheme == "" || scheme == "//" {
		scheme = "https"
	}
	return scheme + "://" + u.Host, strings.TrimRight(u.Path, "/")
}
