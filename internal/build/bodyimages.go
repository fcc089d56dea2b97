package build

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/images"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
)

// Images in Markdown bodies (see internal/images and markdown/image.go): at
// parse, each page's images are looked up in the site folder for their size
// and the smaller copies to offer; the copies are planned as artifacts, made
// once per source and width and kept in the cache like checklist PDFs and
// cards.
//
// A page's conversion reads the image files it shows: they are its
// dependencies (parsed.deps), found while converting, with the hash each
// had. A parse is reused only while every dependency still has that hash,
// and the body's key holds them.

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

// dep is a file a page's conversion read, with the hash it had.
type dep struct {
	Path string
	Hash key.Sum
}

// imageDeps lists the image files a converted body shows, with their hashes
// as the load step read them.
func (b *Builder) imageDeps(doc *markdown.Doc) []dep {
	var deps []dep
	for _, img := range doc.Images {
		var h key.Sum
		if f := b.c.files[img.Source]; f != nil {
			h = f.hash
		}
		deps = append(deps, dep{Path: img.Source, Hash: h})
	}
	return deps
}

// depsHold reports whether every dependency of a parse has the hash it had.
func (b *Builder) depsHold(deps []dep) bool {
	for _, d := range deps {
		f := b.c.files[d.Path]
		if f == nil || f.hash != d.Hash {
			return false
		}
	}
	return true
}

// dirtyImageUsers marks for parsing again the pages that may show an image
// among the changed paths: those whose conversion read it, those of the
// bundle it is in, and (for static/) those that show any image by a path
// from the root. A page's HTML carries its images' sizes, so it must follow
// their files; a new image is no dependency of anyone yet.
func (b *Builder) dirtyImageUsers(changed []string) {
	var imgs []string
	for _, p := range changed {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if f := b.c.files[p]; f != nil && f.kind == kindPage {
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
	for _, f := range b.c.files {
		pr := f.parsed
		if f.kind != kindPage || pr == nil || pr.listing == nil {
			continue
		}
		uses := false
		for _, c := range imgs {
			for _, d := range pr.deps {
				uses = uses || under(d.Path, c)
			}
			if bundle := pr.listing.Bundle; bundle != "" && (under(c, bundle) || under(bundle, c)) {
				uses = true
			}
			if strings.HasPrefix(c, "static") && pr.rootImages {
				uses = true
			}
		}
		if uses {
			f.dirty = true
		}
	}
}

// rootImages reports whether a body shows an image by a path from the site's
// root, which a new file of static/ may answer.
func rootImages(doc *markdown.Doc) bool {
	for _, l := range doc.Links {
		if l.Image && strings.HasPrefix(l.Dest, "/") {
			return true
		}
	}
	return false
}

// imageArtifacts plans the smaller copies of every image the published pages
// show, beside the image's own output file: photo.jpg → photo-480w.jpg. The
// images are in each page's listing.
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
			src := b.c.files[img.Source]
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

// imageIn is what one smaller copy of an image is made from.
type imageIn struct {
	Version string
	Source  key.Sum // the hash of the image's bytes
	Width   int
}

// imageCopy is the artifact of one copy.
func (b *Builder) imageCopy(outPath string, src *file, width int) *artifact {
	srcPath, hash := src.path, src.hash
	return &artifact{
		path:  outPath,
		ext:   path.Ext(outPath),
		input: imageIn{Version: images.Version, Source: src.hash, Width: width},
		make: func() ([]byte, error) {
			data, err := fs.ReadFile(b.fsys, srcPath)
			if err != nil {
				return nil, err
			}
			// Made later than planned (folio serve makes copies when asked
			// for): bytes of a newer image must not be kept under the key
			// of the one planned.
			if key.Bytes(data) != hash {
				return nil, fmt.Errorf("%s changed while being built", srcPath)
			}
			return images.Resize(data, width)
		},
	}
}
