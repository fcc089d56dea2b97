package content

import (
	"net/url"
	"strings"

	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/slug"
)

// SitePath is where the site settings live, relative to the site folder.
const SitePath = "content/site.yaml"

// Site holds the settings of content/site.yaml.
type Site struct {
	Title        string
	BaseURL      string // absolute, without a trailing slash: "https://example.com"
	Language     string // BCP 47: "en", "en-GB"
	Description  string
	Organisation Party
	Author       Party
	LinkedIn     LinkedInSettings
	Image        ImageRef // default share image, a path under static/
	PerPage      int      // articles per list page
	FeedLimit    int      // entries per feed
	Related      int      // related articles per article
	UnsafeHTML   bool
	Checklists   bool // publish printable checklists (default true)
	ShareCards   bool // draw a share card per article (default true)
	// Fonts are the site's fonts for checklist PDFs and share cards (CJK,
	// Arabic, Hebrew…): paths inside the site folder, tried in order after
	// the bundled Noto Sans and Noto Emoji.
	Fonts  []string
	Search bool // write the search index and /search/ (default true)
	// Params lists the front-matter keys the site's templates read
	// (params: [mood, cover]): they are not reported as unknown.
	Params []string
	// Lines maps each key of site.yaml to its line, for errors found later.
	Lines map[string]int
}

// Party is a person or an organisation, as named in metadata.
type Party struct {
	Name string
	URL  string
	Logo string // organisation only: a path under static/
}

// LinkedInSettings are the site's LinkedIn settings.
type LinkedInSettings struct {
	Page     string   // the company page URL
	Campaign string   // utm_campaign for every post; empty means the article's slug
	Hashtags []string // hashtags every post ends with, such as "Leadership"
	Link     string   // "post" (default) or "comment": where posts put the article's link
}

// ImageRef names an image and describes it for readers who cannot see it.
type ImageRef struct {
	Src string
	Alt string
}

// URL returns the absolute URL of a site path such as "/articles/a/", in the
// one form folio writes URLs in (slug.EscapePath): "/articles/café/" →
// "https://example.com/articles/caf%C3%A9/".
func (s *Site) URL(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	return s.BaseURL + slug.EscapePath(path)
}

// ParseSite reads content/site.yaml. Unknown keys are errors here, unlike in
// front matter: a mistyped setting would otherwise be silently ignored for every page.
func ParseSite(conv *markdown.Converter, src []byte) (*Site, Problems) {
	var probs Problems
	values, lines, err := conv.ParseYAML(src)
	if err != nil {
		if e, ok := err.(*markdown.Error); ok {
			probs.errorf(SitePath, e.Line, "%s", e.Msg)
		} else {
			probs.errorf(SitePath, 0, "%v", err)
		}
		return nil, probs
	}
	f := newFields(SitePath, values, lines, &probs)
	s := &Site{
		Title:       f.str("title", true),
		BaseURL:     strings.TrimSuffix(f.absURL("base_url", true), "/"),
		Language:    f.str("language", false),
		Description: f.str("description", false),
		UnsafeHTML:  f.boolean("unsafe_html"),
		Checklists:  !f.has("checklists") || f.boolean("checklists"),
		ShareCards:  !f.has("share_cards") || f.boolean("share_cards"),
		Fonts:       f.list("fonts"),
		Search:      !f.has("search") || f.boolean("search"),
		PerPage:     10,
		Lines:       lines,
		FeedLimit:   20,
		Related:     3,
	}
	if s.Language == "" {
		s.Language = "en"
	}
	if s.BaseURL != "" {
		if u, err := url.Parse(s.BaseURL); err == nil && u.Path != "" {
			probs.errorf(SitePath, f.line("base_url"), "base_url %q must be the root of a host (no path): folio writes root-relative links", s.BaseURL)
		}
	}
	s.Params = f.list("params")
	if n, ok := f.integer("per_page", 1); ok {
		s.PerPage = n
	}
	if n, ok := f.integer("feed_limit", 1); ok {
		s.FeedLimit = n
	}
	if n, ok := f.integer("related", 0); ok {
		s.Related = n
	}
	if o := f.sub("organisation"); o != nil {
		s.Organisation = Party{Name: o.str("name", true), URL: o.absURL("url", false), Logo: o.str("logo", false)}
		o.unknown(true)
	}
	if a := f.sub("author"); a != nil {
		s.Author = Party{Name: a.str("name", true), URL: a.absURL("url", false)}
		a.unknown(true)
	}
	if s.Author.Name == "" {
		s.Author = s.Organisation
	}
	if l := f.sub("linkedin"); l != nil {
		s.LinkedIn = LinkedInSettings{Page: l.absURL("page", false), Campaign: l.str("campaign", false), Hashtags: l.list("hashtags"), Link: l.str("link", false)}
		if link := s.LinkedIn.Link; link != "" && link != "post" && link != "comment" {
			probs.errorf(SitePath, l.line("link"), "linkedin.link %q: write post (the link in the post) or comment (the link in the first comment)", link)
		}
		for _, h := range s.LinkedIn.Hashtags {
			if t := strings.TrimPrefix(strings.TrimSpace(h), "#"); t == "" || strings.ContainsAny(t, "#,") {
				probs.errorf(SitePath, l.line("hashtags"), "linkedin.hashtags: %q is not a hashtag: write one word or phrase per entry, like Leadership", h)
			}
		}
		l.unknown(true)
	}
	if img := f.sub("image"); img != nil {
		s.Image = ImageRef{Src: img.str("src", true), Alt: img.str("alt", true)}
		img.unknown(true)
	}
	f.unknown(true)
	checkSite(s, &probs) // limits.go
	return s, probs
}
