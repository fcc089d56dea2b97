package build

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/peeplcoach/folio/internal/cache"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/images"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
)

// Images in Markdown bodies (see internal/images and markdown/image.go): at
// parse, each page's images are looked up in the site folder for their size
// and the smaller copies to offer; after the index, the copies are planned
// as artifacts, made once per source and width and kept in the cache like
// checklist PDFs and cards. What the build calls:
//
//	parse:  b.conv.ConvertWith(data, b.docOptions(f))
//	run:    b.dirtyImageUsers(changed), right after load
//	index:  arts = append(arts, b.imageArtifacts(idx, files)...)

// docOptions are the per-page choices of converting f: its images are found
// beside it (a bundle) or in static/.
func (b *Builder) docOptions(f *file) markdown.DocOptions {
	bundle := f.place.Bundle
	return markdown.DocOptions{Images: func(dest string) (markdown.ImageFile, bool) {
		img, ok := images.Find(b.fsys, dest, bundle)
		if !ok {
			return markdown.ImageFile{}, false
		}
		out := markdown.ImageFile{Source: img.Source, Width: img.Width, Height: img.Height}
		if len(img.Copies) > 0 && !strings.ContainsAny(dest, "?#") {
			out.Copies = img.Copies
			out.SrcSet = images.SrcSet(dest, img.Info, img.Copies)
			out.Sizes = images.Sizes
		}
		return out, true
	}}
}

// dirtyImageUsers marks for parsing again the pages that may show an image
// among the changed paths: those that showed it, those of the bundle it is
// in, and (for static/) those that show any image by a path from the root.
// A page's HTML carries its images' sizes, so it must follow their files.
func (b *Builder) dirtyImageUsers(changed []string) {
	var imgs []string
	for _, p := range changed {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if f := b.files[p]; f != nil && f.kind == kindPage {
			continue
		}
		if strings.HasPrefix(p, "content") || strings.HasPrefix(p, "static") {
			imgs = append(imgs, p)
		}
	}
	if len(imgs) == 0 {
		return
	}
	under := func(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
	for _, f := range b.files {
		if f.kind != kindPage || f.page == nil {
			continue
		}
		doc := f.page.Doc
		uses := false
		for _, c := range imgs {
			for _, img := range doc.Images {
				uses = uses || under(img.Source, c)
			}
			if f.page.Bundle != "" && (under(c, f.page.Bundle) || under(f.page.Bundle, c)) {
				uses = true
			}
			if under(c, "static") || strings.HasPrefix(c, "static/") {
				for _, l := range doc.Links {
					uses = uses || l.Image && strings.HasPrefix(l.Dest, "/")
				}
			}
		}
		if uses {
			f.dirty, f.page = true, nil
		}
	}
}

// imageArtifacts plans the smaller copies of every image the published pages
// show, beside the image's own output file: photo.jpg → photo-480w.jpg.
func (b *Builder) imageArtifacts(idx *content.Index, files []published) []*artifact {
	outOf := make(map[string]string, len(files))
	for _, f := range files {
		outOf[f.src.path] = f.outPath
	}
	seen := map[string]bool{}
	var arts []*artifact
	add := func(p *content.Page) {
		for _, img := range p.Doc.Images {
			out, ok := outOf[img.Source]
			src := b.files[img.Source]
			if !ok || src == nil {
				continue
			}
			for _, w := range img.Copies {
				outPath := images.CopyName(out, w)
				if seen[outPath] {
					continue
				}
				seen[outPath] = true
				arts = append(arts, b.imageCopy(outPath, src, w))
			}
		}
	}
	for _, a := range idx.Articles {
		add(a.Page)
	}
	for _, p := range idx.Pages {
		add(p)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].path < arts[j].path })
	return arts
}

// imageCopy is the artifact of one copy: its key is the source's bytes, the
// width and the version of the resizing code.
func (b *Builder) imageCopy(outPath string, src *file, width int) *artifact {
	h := key.New()
	h.Uint(src.hash)
	h.Uint(uint64(width))
	h.String(images.Version)
	in := h.Sum()
	srcPath := src.path
	return b.remember(outPath, in, func() *artifact {
		var hash [8]byte
		for i, v := 0, in; i < 8; i, v = i+1, v>>8 {
			hash[i] = byte(v)
		}
		return &artifact{
			path: outPath,
			key:  cache.Key([]byte(images.Version), hash[:]),
			ext:  path.Ext(outPath),
			make: func() ([]byte, error) {
				data, err := fs.ReadFile(b.fsys, srcPath)
				if err != nil {
					return nil, err
				}
				return images.Resize(data, width)
			},
		}
	})
}

// withImages folds the images a body shows into the hash of its source: the
// HTML carries their sizes, so everything keyed by SourceHash (the page, the
// feeds) must change when an image's file does.
func withImages(h uint64, doc *markdown.Doc) uint64 {
	if len(doc.Images) == 0 {
		return h
	}
	k := key.New()
	k.Uint(h)
	for _, img := range doc.Images {
		k.String(img.Source, img.SrcSet, img.Sizes)
		k.Uint(uint64(img.Width))
		k.Uint(uint64(img.Height))
	}
	return k.Sum()
}
