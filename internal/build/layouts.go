package build

import (
	"fmt"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/render"
)

// checkLayouts reports every page whose layout: names no file of layouts/,
// at the line that names it. The build calls it once templates and index
// are ready (b.tmpl may be nil when the layouts failed to load: those errors
// are reported already).
func checkLayouts(idx *content.Index, tmpl *render.Templates) content.Problems {
	var probs content.Problems
	if tmpl == nil {
		return probs
	}
	check := func(p *content.Page) {
		if p.Layout != "" && !tmpl.HasLayout(p.Layout) {
			probs.Errors = append(probs.Errors, &content.Error{Path: p.Path, Line: p.Line("layout"), Err: fmt.Errorf("layout %q: there is no layouts/%s", p.Layout, p.Layout)})
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
