package render

import (
	"fmt"
	"strings"

	"github.com/peeplcoach/folio/internal/key"
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
	key    key.Sum `key:"-"`
}

// NewAssets wraps a table of assets. The map must not change afterwards.
func NewAssets(byPath map[string]Asset) *Assets {
	a := &Assets{byPath: byPath}
	a.key = key.Fields(a)
	return a
}

// Lookup returns the asset published for a site path.
func (a *Assets) Lookup(sitePath string) (Asset, bool) {
	if a == nil {
		return Asset{}, false
	}
	x, ok := a.byPath[sitePath]
	return x, ok
}

// Key returns the key of the asset table: pages that look assets up
// depend on it.
func (a *Assets) Key() key.Sum { return a.key }

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
