package build

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/slug"
)

// checkLinks warns about the links of a page's Markdown that lead nowhere on
// the site: a root-relative or relative URL no output answers, or a #fragment
// no heading of the page has. External links are not fetched.
func checkLinks(pagePath, pageURL string, doc *markdown.Doc, urls map[string]bool) content.Problems {
	var probs content.Problems
	warn := func(line int, err error) {
		probs.Warnings = append(probs.Warnings, &content.Error{Path: pagePath, Line: line, Err: err})
	}
	ids := map[string]bool{}
	for _, h := range doc.Headings {
		ids[h.ID] = true
	}
	for _, id := range doc.IDs {
		ids[id] = true
	}
	for _, l := range doc.Links {
		dest := strings.TrimSpace(l.Dest)
		if dest == "" {
			continue
		}
		if frag, ok := strings.CutPrefix(dest, "#"); ok {
			if frag = slug.UnescapePath(frag); !ids[frag] && !strings.HasPrefix(frag, "fn") {
				warn(l.Line, fmt.Errorf("link to #%s: no heading of this page has that id", frag))
			}
			continue
		}
		u, err := url.Parse(dest)
		if err != nil {
			warn(l.Line, fmt.Errorf("link %q is not a valid URL: %v", dest, err))
			continue
		}
		if u.Scheme != "" || u.Host != "" || u.Path == "" {
			continue
		}
		target := u.Path
		if !strings.HasPrefix(target, "/") {
			target = path.Join(pageURL, target)
			if strings.HasSuffix(u.Path, "/") {
				target += "/"
			}
		}
		if urls[target] {
			continue
		}
		if urls[target+"/"] {
			warn(l.Line, fmt.Errorf("link to %s should end with a slash: %s/", target, target))
			continue
		}
		warn(l.Line, fmt.Errorf("link to %s leads nowhere: no page or file of the site has that URL", target))
	}
	return probs
}
