package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // register decoders: share images need their size
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"path"
	"strings"
	"time"

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
	dirty bool          // may have changed since it was last read
	seen  bool          // found by the current walk

	hash    key.Sum // of the bytes, once read
	stat    stamp   // kindPage: what the last walk or look saw (stamps.go)
	stamped bool    // stat was told by the file system
	size    int64
	data    []byte // kept for layouts, site.yaml, and CSS/JS (fingerprints)
	readErr error  // reading it failed

	parsed        *parsed // kindPage, once parsed
	width, height int     // images
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

// load brings the file table up to date. With changed nil it walks every root
// and marks every file dirty (nothing says which changed); otherwise it looks
// at the changed paths only: a path that is gone takes everything under it
// along, a folder is walked, a file is marked dirty.
func (b *Builder) load(changed []string) error {
	files := b.c.files
	stamps := b.loadStamps()
	stamps.taken, stamps.use = time.Now(), changed == nil
	if changed == nil {
		for _, f := range files {
			f.seen = false
		}
		for _, root := range roots {
			if err := b.walk(root); err != nil {
				return err
			}
		}
		for p, f := range files {
			if !f.seen {
				delete(files, p)
				b.c.pagePaths = nil
				b.c.assetsDirty, b.c.layoutsDirty = true, true
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
		if f := b.add(p); f != nil {
			f.stat, f.stamped = stampOf(info)
		}
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
			if f := b.add(p); f != nil && f.kind == kindPage {
				// A stat a page (not needed for the rest): its stamp may
				// spare reading it.
				f.stamped = false
				if info, err := d.Info(); err == nil {
					f.stat, f.stamped = stampOf(info)
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	return nil
}

// add records a new or changed file, and returns it (nil for a hidden one).
func (b *Builder) add(p string) *file {
	if hidden(path.Base(p)) {
		return nil
	}
	f := b.c.files[p]
	if f == nil {
		f = &file{path: p, kind: classify(p)}
		if f.kind == kindPage {
			f.place, _ = content.Locate(p)
		}
		b.c.files[p] = f
		b.c.pagePaths = nil
	}
	f.dirty, f.seen = true, true
	switch f.kind {
	case kindStatic, kindResource:
		b.c.assetsDirty = true
	case kindLayout:
		b.c.layoutsDirty = true
	}
	return f
}

// forget drops p and everything under it.
func (b *Builder) forget(p string) {
	for q := range b.c.files {
		if q == p || strings.HasPrefix(q, p+"/") {
			delete(b.c.files, q)
			b.c.pagePaths = nil
			b.c.assetsDirty, b.c.layoutsDirty = true, true
		}
	}
}

// readFiles reads every dirty file that is not a page (pages are read by
// the parse step, in parallel with converting them): site.yaml, layouts,
// static files and page resources. It keeps the bytes of what later steps
// need whole (settings, layouts, CSS and JS for fingerprints) and the size of
// images.
func (b *Builder) readFiles(ctx context.Context) error {
	var todo []*file
	for _, f := range b.c.files {
		if f.dirty && f.kind != kindPage && f.kind != kindIgnored {
			todo = append(todo, f)
		}
	}
	type result struct {
		hash          key.Sum
		size          int64
		data          []byte
		width, height int
		err           error
	}
	results := make([]result, len(todo))
	err := b.parallel(ctx, len(todo), func(i int) string { return todo[i].path }, func(i int) {
		f := todo[i]
		data, err := fs.ReadFile(b.fsys, f.path)
		if err != nil {
			results[i].err = err
			return
		}
		r := result{hash: key.Bytes(data), size: int64(len(data))}
		ext := strings.ToLower(path.Ext(f.path))
		if f.kind == kindSite || f.kind == kindLayout || ext == ".css" || ext == ".js" {
			r.data = data
		}
		if isImage(ext) {
			if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
				r.width, r.height = cfg.Width, cfg.Height
			}
		}
		results[i] = r
	})
	for i, f := range todo {
		r := results[i]
		f.hash, f.size, f.data, f.width, f.height, f.readErr = r.hash, r.size, r.data, r.width, r.height, r.err
		f.dirty = false
	}
	return err
}
