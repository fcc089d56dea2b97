package build

import (
	"fmt"
	"path"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/render"
)

// shareImages resolves the image: of every article to a published file, with
// its size for Open Graph. A name is relative to the page (an image in its
// bundle), a path starting with / is a file of static/, and an http(s) URL is
// used as given. A missing file is an error at the image: line.
func shareImages(idx *content.Index, assets *render.Assets, probs *content.Problems) map[*content.Page]*render.Image {
	images := map[*content.Page]*render.Image{}
	resolve := func(p *content.Page) {
		src := p.Image.Src
		if src == "" {
			return
		}
		if strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
			images[p] = &render.Image{URL: src, Alt: p.Image.Alt}
			return
		}
		sitePath := src
		if !strings.HasPrefix(src, "/") {
			sitePath = path.Join(p.URL, src)
		}
		a, ok := assets.Lookup(sitePath)
		if !ok {
			probs.Errors = append(probs.Errors, &content.Error{Path: p.Path, Line: p.Line("image"), Err: fmt.Errorf("image %s: no such file (looked for %s)", src, sitePath)})
			return
		}
		images[p] = &render.Image{URL: idx.Site.URL(a.URL), Width: a.Width, Height: a.Height, Type: a.Type, Alt: p.Image.Alt}
	}
	for _, a := range idx.Articles {
		resolve(a.Page)
	}
	return images
}

// checkSiteFiles reports settings of site.yaml that name files static/ lacks.
func checkSiteFiles(site *content.Site, assets *render.Assets, probs *content.Problems) {
	for _, f := range []struct{ key, path string }{{"image.src", site.Image.Src}, {"organisation.logo", site.Organisation.Logo}} {
		if f.path == "" {
			continue
		}
		if _, ok := assets.Lookup(f.path); !ok {
			probs.Errors = append(probs.Errors, &content.Error{Path: content.SitePath, Line: site.Lines[f.key], Err: fmt.Errorf("%s %s: no such file in static/", f.key, f.path)})
		}
	}
}
