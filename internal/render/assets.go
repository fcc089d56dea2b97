package render

import (
	"fmt"
	"sort"
	"strings"
)

// Asset is a file of the output that templates refer to: a static file, an
// image in a bundle, a generated image.
type Asset struct {
	URL    string // where it is published; fingerprinted for CSS and JS
	Type   string // MIME type
	Size   int64
	Width  int // images only
	Height int
}

// Assets finds assets by their site path before fingerprinting: "/css/site.css".
type Assets struct {
	byPath map[string]Asset
}

// NewAssets wraps a table of assets. The map must not change afterwards.
func NewAssets(byPath map[string]Asset) *Assets {
	return &Assets{byPath: byPath}
}

// Lookup returns the asset published for a site path.
func (a *Assets) Lookup(sitePath string) (Asset, bool) {
	if a == nil {
		return Asset{}, false
	}
	x, ok := a.byPath[sitePath]
	return x, ok
}

// Key hashes the published URLs and sizes, which is all templates see of assets.
func (a *Assets) Key() uint64 {
	paths := make([]string, 0, len(a.byPath))
	for p := range a.byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := newHasher()
	for _, p := range paths {
		x := a.byPath[p]
		h.String(p)
		h.String(x.URL)
		h.Int(x.Size)
		h.Int(int64(x.Width))
		h.Int(int64(x.Height))
	}
	return h.Sum()
}

// Asset returns the published URL of a file of static/, given by its path there:
// {{ .Asset "css/site.css" }} → "/css/site.3f9c1a2b.css". A missing file is a
// template error, so a typo cannot publish a broken stylesheet link.
func (v *View) Asset(path string) (string, error) {
	x, ok := v.assets.Lookup("/" + strings.TrimPrefix(path, "/"))
	if !ok {
		return "", fmt.Errorf("asset %q: no such file in static/", path)
	}
	return x.URL, nil
}
