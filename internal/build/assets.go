package build

import (
	"mime"
	"path"
	"sort"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/output"
	"github.com/peeplcoach/folio/internal/render"
)

// published is a source file copied into the output.
type published struct {
	src     *file
	hash    key.Sum // of the bytes, when the assets were listed
	sitePth string  // URL path before fingerprinting: "/css/site.css"
	outPath string  // output file: "css/site.3f9c1a2b.css"
}

// assetIn is one file of the assets step's input.
type assetIn struct {
	Path          string
	Hash          key.Sum
	Size          int64
	Width, Height int
}

// assetsIn is everything the assets step reads.
type assetsIn struct {
	Files       []assetIn
	Bundles     map[string]string // bundle folder → page URL
	Fingerprint bool
}

// assets lists the files copied into the output (static files and page
// resources) and the table templates look them up in (see caches.assets).
// CSS and JS names carry a hash of their bytes, which every page linking them
// shows.
func (b *Builder) assets(ps pageSet) (*render.Assets, []published, content.Problems, key.Sum) {
	// The inputs are the files of static/ and the resources (they changed
	// only if load says so) and the bundles (they changed only if the pages'
	// listings did): with neither, the memo stands without a look at them.
	if m := &b.c.assets; m.assets != nil && !b.c.assetsDirty && m.pages == ps.key {
		return m.assets, m.files, m.probs, m.key
	}
	b.c.assetsDirty = false
	in := assetsIn{Bundles: map[string]string{}, Fingerprint: b.opts.Fingerprint}
	for _, p := range ps.parsed {
		if p.listing.Bundle != "" {
			in.Bundles[p.listing.Bundle] = p.listing.URL
		}
	}
	var paths []string
	for p, f := range b.c.files {
		if f.kind == kindStatic || f.kind == kindResource {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		f := b.c.files[p]
		in.Files = append(in.Files, assetIn{Path: p, Hash: f.hash, Size: f.size, Width: f.width, Height: f.height})
	}
	k := key.Of(in)
	if m := &b.c.assets; m.assets != nil && m.key == k {
		m.pages = ps.key
		return m.assets, m.files, m.probs, k
	}
	var probs content.Problems
	var list []published
	table := map[string]render.Asset{}
	for _, p := range paths {
		f := b.c.files[p]
		if f.readErr != nil {
			probs.Errors = append(probs.Errors, &content.Error{Path: p, Err: f.readErr})
			continue
		}
		sitePath := "/" + strings.TrimPrefix(p, "static/")
		if f.kind == kindResource {
			sitePath = resourceURL(p, in.Bundles)
		}
		ext := strings.ToLower(path.Ext(p))
		out := strings.TrimPrefix(sitePath, "/")
		if b.opts.Fingerprint && (ext == ".css" || ext == ".js") {
			out = output.Fingerprinted(out, f.data)
		}
		list = append(list, published{src: f, hash: f.hash, sitePth: sitePath, outPath: out})
		table[sitePath] = render.Asset{URL: "/" + out, Type: mediaType(p), Size: f.size, Width: f.width, Height: f.height}
	}
	assets := render.NewAssets(table)
	b.c.assets = assetsMemo{key: k, pages: ps.key, assets: assets, files: list, probs: probs}
	return assets, list, probs, k
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
