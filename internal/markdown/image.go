package markdown

import (
	"github.com/yuin/goldmark/ast"
)

// Images in the body load as the reader reaches them: each gets
// decoding="async" and, unless it stands at the top of the text where the
// first screen shows it, loading="lazy". When the build knows the image's
// file (DocOptions.Images), it also gets its width and height, so the page
// keeps its place while the image loads, and a srcset of smaller copies with
// their sizes, so a phone downloads a phone-sized image.

// ImageFile is what the build knows of an image a document shows.
type ImageFile struct {
	Source        string // its file in the site folder, for the build
	Width, Height int    // as shown: 0 when unknown
	SrcSet, Sizes string // srcset and sizes; empty without smaller copies
	Copies        []int  // widths of the smaller copies srcset names
}

// DocOptions are the choices for converting one document.
type DocOptions struct {
	// Images returns what the site knows of the image at a destination as
	// written ("photo.jpg", "/images/x.png"), or false. Nil knows none.
	Images func(dest string) (ImageFile, bool)
}

// eagerBlocks is how many top-level blocks of a body the first screen shows
// at most below the article's header: an image among them loads at once.
const eagerBlocks = 2

// annotateImages sets the loading attributes of every image, and the size
// attributes of those images opts knows, and records the latter in doc.
func annotateImages(doc *Doc, root ast.Node, opts DocOptions) {
	block, first := 0, true
	for top := root.FirstChild(); top != nil; top = top.NextSibling() {
		block++
		_ = ast.Walk(top, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			img, ok := n.(*ast.Image)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			if !first || block > eagerBlocks {
				img.SetAttributeString("loading", []byte("lazy"))
			}
			first = false
			img.SetAttributeString("decoding", []byte("async"))
			if opts.Images == nil {
				return ast.WalkSkipChildren, nil
			}
			f, ok := opts.Images(string(img.Destination))
			if !ok {
				return ast.WalkSkipChildren, nil
			}
			if f.Width > 0 && f.Height > 0 {
				img.SetAttributeString("width", itoa(f.Width))
				img.SetAttributeString("height", itoa(f.Height))
			}
			if f.SrcSet != "" {
				img.SetAttributeString("srcset", []byte(f.SrcSet))
				img.SetAttributeString("sizes", []byte(f.Sizes))
			}
			doc.Images = append(doc.Images, f)
			return ast.WalkSkipChildren, nil
		})
	}
}

func itoa(n int) []byte {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return b[i:]
}
