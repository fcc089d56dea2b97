package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
)

// roots are the folders of a site that folio reads.
var roots = []string{"content", "layouts", "static"}

type fileKind uint8

const (
	kindPage     fileKind = iota // a Markdown page under content/
	kindSite                     // content/site.yaml
	kindLayout                   // a file under layouts/
	kindStatic                   // a file under static/, published as is
	kindResource                 // any other file under content/: an image beside its page
	kindIgnored                  // a Markdown file that is not a page, reported once
)

// file is one source file and what the builder learned from it.
type file struct {
	path  string
	kind  fileKind
	place content.Place // kindPage
	dirty bool          // changed since it was last read

	hash uint64 // of the bytes, once read
	data []byte // kept for layouts, site.yaml, and CSS/JS (fingerprints)
	size int64

	page          *content.Page // kindPage, once parsed
	probs         content.Problems
	width, height int // images
}

// classify says what a source path is.
func classify(p string) fileKind {
	switch {
	case p == content.SitePath:
		return kindSite
	case strings.HasPrefix(p, "layouts/"):
		return kindLayout
	case strings.HasPrefix(p, "static/"):
		return kindStatic
	case content.IsMarkdown(p):
		if _, ok := content.Locate(p); ok {
			return kindPage
		}
		return kindIgnored
	}
	return kindResource
}

// hidden reports names no site publishes: dot-files and editor leftovers.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")
}

// load brings the file table up to date. With changed nil it walks every root;
// otherwise it looks at the changed paths only: a path that is gone takes
// everything under it along, a folder is walked, a file is marked dirty.
func (b *Builder) load(changed []string) error {
	if changed == nil || b.files == nil {
		b.files = map[string]*file{}
		b.siteDirty, b.layoutDirty = true, true
		for _, root := range roots {
			if err := b.walk(root); err != nil {
				return err
			}
		}
		return nil
	}
	for _, p := range changed {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if !underRoots(p) {
			continue
		}
		info, err := fs.Stat(b.fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			b.forget(p)
			continue
		}
		if err != nil {
			return fmt.Errorf("look at %s: %w", p, err)
		}
		if info.IsDir() {
			if err := b.walk(p); err != nil {
				return err
			}
			continue
		}
		b.add(p)
	}
	return nil
}

func underRoots(p string) bool {
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

func (b *Builder) walk(dir string) error {
	err := fs.WalkDir(b.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) && dir != "content" {
				return fs.SkipDir // a site may have no static/ folder
			}
			return err
		}
		if p != dir && hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			b.add(p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	return nil
}

// add records a new or changed file.
func (b *Builder) add(p string) {
	if hidden(path.Base(p)) {
		return
	}
	f := b.files[p]
	if f == nil {
		f = &file{path: p, kind: classify(p)}
		if f.kind == kindPage {
			f.place, _ = content.Locate(p)
		}
		b.files[p] = f
	}
	f.dirty = true
	b.markKind(f.kind)
}

// forget drops p and everything under it.
func (b *Builder) forget(p string) {
	for q, f := range b.files {
		if q == p || strings.HasPrefix(q, p+"/") {
			delete(b.files, q)
			b.markKind(f.kind)
		}
	}
	if p == "layouts" || strings.HasPrefix(p, "layouts/") {
		b.layoutDirty = true
	}
}

func (b *Builder) markKind(k fileKind) {
	switch k {
	case kindSite:
		b.siteDirty = true
	case kindLayout:
		b.layoutDirty = true
	}
}

// read returns the bytes of a file, marking it clean.
func (b *Builder) read(f *file) ([]byte, error) {
	data, err := fs.ReadFile(b.fsys, f.path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.path, err)
	}
	f.hash = key.Bytes(data)
	f.size = int64(len(data))
	f.dirty = false
	return data, nil
}
