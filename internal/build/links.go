package build

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/slug"
)

// checkLinks warns about links in Markdown that lead nowhere on the site: a
// root-relative or relative URL no output answers, or a #fragment no heading
// of the page has. External links are not fetched.
func checkLinks(idx *content.Index, urls map[string]bool) content.Problems {
	var probs content.Problems
	check := func(p *content.Page) {
		ids := map[string]bool{}
		for _, h := range p.Doc.Headings {
			ids[h.ID] = true
		}
		for _, id := range p.Doc.IDs {
			ids[id] = true
		}
		for _, l := range p.Doc.Links {
			dest := strings.TrimSpace(l.Dest)
			if dest == "" {
				continue
			}
			if frag, ok := strings.CutPrefix(dest, "#"); ok {
				if frag = slug.UnescapePath(frag); !ids[frag] && !strings.HasPrefix(frag, "fn") {
					probs.Warnings = append(probs.Warnings, &content.Error{Path: p.Path, Line: l.Line, Err: fmt.Errorf("link to #%s: no heading of this page has that id", frag)})
				}
				continue
			}
			u, err := url.Parse(dest)
			if err != nil {
				probs.Warnings = append(probs.Warnings, &content.Error{Path: p.Path, Line: l.Line, Err: fmt.Errorf("link %q is not a valid URL: %v", dest, err)})
				continue
			}
			if u.Scheme != "" || u.Host != "" || u.Path == "" {
				continue
			}
			target := u.Path
			if !strings.HasPrefix(target, "/") {
				target = path.Join(p.URL, target)
				if strings.HasSuffix(u.Path, "/") {
					target += "/"
				}
			}
			if urls[target] {
				continue
			}
			msg := fmt.Errorf("link to %s leads nowhere: no page or file of the site has that URL", target)
			if urls[target+"/"] {
				msg = fmt.Errorf("link to %s should end with a slash: %s/", target, target)
			}
			probs.Warnings = append(probs.Warnings, &content.Error{Path: p.Path, Line: l.Line, Err: msg})
		}
	}
	for _, a := range idx.Articles {
		check(a.Page)
	}
	for _, p := range idx.Pages {
		check(p)
	}
	return probs
}
