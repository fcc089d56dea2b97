package feed

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// URL is one page in a sitemap.
type URL struct {
	Loc     string    // absolute URL of the page
	LastMod time.Time // zero omits <lastmod>
}

// Limits of one sitemap file (sitemaps.org protocol); a larger site needs
// a sitemap index.
const (
	maxSitemapURLs  = 50_000
	maxSitemapBytes = 50 << 20
)

// Sitemap returns urls as a sitemaps.org 0.9 <urlset>, in the order given,
// with each lastmod as a W3C date-time in UTC. It fails if a Loc is not an
// absolute http(s) URL or the file would break the protocol's limits of
// 50,000 URLs and 50 MB.
func Sitemap(urls []URL) ([]byte, error) {
	if len(urls) > maxSitemapURLs {
		return nil, fmt.Errorf("write sitemap: %d URLs, more than the %d one sitemap may hold", len(urls), maxSitemapURLs)
	}
	var errs []error
	for _, u := range urls {
		if !isAbsolute(u.Loc) {
			errs = append(errs, fmt.Errorf("loc %q is not an absolute URL", u.Loc))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("write sitemap: %w", err)
	}
	b := make([]byte, 0, 128+len(urls)*128)
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n"...)
	for _, u := range urls {
		b = append(b, "  <url><loc>"...)
		b = appendEscaped(b, u.Loc, false)
		b = append(b, "</loc>"...)
		if !u.LastMod.IsZero() {
			b = append(b, "<lastmod>"...)
			b = appendTime(b, u.LastMod)
			b = append(b, "</lastmod>"...)
		}
		b = append(b, "</url>\n"...)
	}
	b = append(b, "</urlset>\n"...)
	if len(b) > maxSitemapBytes {
		return nil, fmt.Errorf("write sitemap: %d bytes, more than the %d one sitemap may hold", len(b), maxSitemapBytes)
	}
	return b, nil
}

// Robots returns a robots.txt (RFC 9309) that allows every crawler
// everywhere and names the sitemap. An empty sitemapURL omits the Sitemap
// line; line breaks in it are dropped, so it cannot add rules.
func Robots(sitemapURL string) []byte {
	b := []byte("User-agent: *\nAllow: /\n")
	if sitemapURL = strings.NewReplacer("\r", "", "\n", "").Replace(sitemapURL); sitemapURL != "" {
		b = append(b, "\nSitemap: "...)
		b = append(b, sitemapURL...)
		b = append(b, '\n')
	}
	return b
}
