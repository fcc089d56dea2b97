package images

import (
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// Candidates returns the files of the site folder an image destination of a
// page may name, most likely first: a relative name is beside the page in
// its bundle (bundle is "content/articles/a", or "" for a page that is one
// file); a path from the root is a file of static/, or of content/. An
// address with a scheme or host, or one that would leave static/ or
// content/, names none.
func Candidates(dest, bundle string) []string {
	if dest == "" || strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, "#") {
		return nil
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return nil // a scheme: https:, data:, …
	}
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	p, err := url.PathUnescape(dest)
	if err != nil || p == "" || strings.Contains(p, "\\") {
		return nil
	}
	var out []string
	if strings.HasPrefix(p, "/") {
		out = []string{path.Join("static", p), path.Join("content", p)}
	} else if bundle != "" {
		out = []string{path.Join(bundle, p)}
	}
	kept := out[:0]
	for _, c := range out {
		// path.Join has resolved any "..": what is left must still be
		// inside one of the two folders.
		if fs.ValidPath(c) && (strings.HasPrefix(c, "static/") || strings.HasPrefix(c, "content/")) {
			kept = append(kept, c)
		}
	}
	return kept
}

// Image is an image a page shows, as the page's HTML needs it.
type Image struct {
	Source string // the file, relative to the site folder
	Info
	// Copies are the widths of the smaller copies made for srcset.
	Copies []int
}

// Find resolves an image destination of a page to its file in fsys (the
// site folder) and reads its header. ok is false when the destination names
// no file there, or the file is not an image folio reads.
func Find(fsys fs.FS, dest, bundle string) (img Image, ok bool) {
	for _, c := range Candidates(dest, bundle) {
		info, err := ProbeFile(fsys, c)
		if err != nil {
			continue
		}
		return Image{Source: c, Info: info, Copies: info.CopyWidths()}, true
	}
	return Image{}, false
}
