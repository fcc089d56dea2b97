package build

import (
	"bytes"
	"image"
	_ "image/gif" // register decoders: share images need their size
	_ "image/jpeg"
	_ "image/png"
	"mime"
	"path"
	"sort"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/output"
	"github.com/peeplcoach/folio/internal/render"
)

// published is a source file copied into the output.
type published struct {
	src     *file
	sitePth string // URL path before fingerprinting: "/css/site.css"
	outPath string // output file: "css/site.3f9c1a2b.css"
}

// assets lists the files copied into the output (static files and page
// resources) and the table templates look them up in. CSS and JS are read here
// because their fingerprint is part of every page that links them.
func (b *Builder) assets() (*render.Assets, []published, content.Problems) {
	var probs content.Problems
	bundles := map[string]string{} // bundle folder → page URL
	for _, f := range b.files {
		if f.kind == kindPage && f.page != nil && f.page.Bundle != "" {
			bundles[f.page.Bundle] = f.page.URL
		}
	}
	var list []published
	table := map[string]render.Asset{}
	paths := make([]string, 0, len(b.files))
	for p, f := range b.files {
		if f.kind == kindStatic || f.kind == kindResource {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		f := b.files[p]
		sitePath := "/" + strings.TrimPrefix(p, "static/")
		if f.kind == kindResource {
			sitePath = resourceURL(p, bundles)
		}
		ext := strings.ToLower(path.Ext(p))
		fingerprint := b.opts.Fingerprint && (ext == ".css" || ext == ".js")
		if f.dirty {
			data, err := b.read(f)
			if err != nil {
				probs.Errors = append(probs.Errors, &content.Error{Path: p, Err: err})
				continue
			}
			f.data = nil
			if ext == ".css" || ext == ".js" {
				f.data = data // small, and needed for the fingerprint
			}
			f.width, f.height = 0, 0
			if isImage(ext) {
				if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
					f.width, f.height = cfg.Width, cfg.Height
				}
			}
		}
		out := strings.TrimPrefix(sitePath, "/")
		if fingerprint {
			out = output.Fingerprinted(out, f.data)
		}
		list = append(list, published{src: f, sitePth: sitePath, outPath: out})
		table[sitePath] = render.Asset{URL: "/" + out, Type: mediaType(p), Size: f.size, Width: f.width, Height: f.height}
	}
	return render.NewAssets(table), list, probs
}

// resourceURL publishes a file beside its page: content/articles/a/photo.jpg
// goes next to the page of the bundle content/articles/a, whatever its slug.
func resourceURL(p string, bundles map[string]string) string {
	for dir := path.Dir(p); dir != "content" && dir != "."; dir = path.Dir(dir) {
		if url, ok := bundles[dir]; ok {
			return url + strings.TrimPrefix(p, dir+"/")
		}
	}
	return "/" + strings.TrimPrefix(p, "content/")
}

func isImage(ext string) bool {
	return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".gif"
}

func mediaType(p string) string {
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}
