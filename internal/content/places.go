package content

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Place says where a content file belongs.
type Place struct {
	Kind   Kind
	Slug   string
	Bundle string
}

// markdownExts are the file extensions of Markdown pages: the ones Hugo and
// Jekyll read as Markdown, so a site moving in keeps its file names.
var markdownExts = []string{".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mkdown"}

// IsMarkdown reports whether p names a Markdown file. Such a file under
// content/ is a page or is reported: it is never published as it is.
func IsMarkdown(p string) bool { return markdownExt(p) != "" }

func markdownExt(p string) string {
	ext := strings.ToLower(path.Ext(p))
	for _, e := range markdownExts {
		if ext == e {
			return path.Ext(p)
		}
	}
	return ""
}

// Locate classifies a path under content/: an article file or bundle, a
// standalone page or bundle, or (ok false) not a page at all, such as an image
// in a bundle.
//
// Articles may be sorted into folders of any depth (content/articles/2019/05/
// x.md, as many blogs keep them): the URL takes the file's name, or the
// bundle folder's for an index.md, never the folders above. Two files that
// come to one slug are an error of the index, naming both. A name that starts
// with "_" is never a page (Hugo's _index.md lists a section; folio makes its
// lists itself).
func Locate(p string) (Place, bool) {
	rel, found := strings.CutPrefix(p, "content/")
	ext := markdownExt(p)
	if !found || ext == "" {
		return Place{}, false
	}
	parts := strings.Split(strings.TrimSuffix(rel, ext), "/")
	name := parts[len(parts)-1]
	if strings.HasPrefix(name, "_") {
		return Place{}, false
	}
	if parts[0] == "articles" {
		switch {
		case len(parts) >= 3 && name == "index":
			return Place{Kind: KindArticle, Slug: parts[len(parts)-2], Bundle: path.Dir(p)}, true
		case len(parts) >= 2 && name != "index":
			return Place{Kind: KindArticle, Slug: name}, true
		}
		return Place{}, false
	}
	switch {
	case len(parts) == 1:
		return Place{Kind: KindPage, Slug: name}, true
	case len(parts) == 2 && name == "index":
		return Place{Kind: KindPage, Slug: parts[0], Bundle: path.Dir(p)}, true
	}
	return Place{}, false
}

// NotAPage explains why a Markdown file under content/ that Locate does not
// place is not published, and what to do about it.
func NotAPage(p string) error {
	rel := strings.TrimPrefix(p, "content/")
	first, _, nested := strings.Cut(rel, "/")
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	switch {
	case name == "_index":
		return fmt.Errorf("not published: folio makes the list pages itself (Hugo's _index.md has no place here)")
	case strings.HasPrefix(name, "_"):
		return fmt.Errorf("not published: names that start with _ are never pages")
	case nested && (first == "posts" || first == "post" || first == "blog" || first == "_posts"):
		return fmt.Errorf("not published: folio's articles live in content/articles/ (move the folder there, or run folio import)")
	}
	return fmt.Errorf("not a page and not published: articles are content/articles/<slug>.md or content/articles/<slug>/index.md (in folders of any depth), pages are content/<name>.md or content/<name>/index.md")
}

// InsideBundles finds the pages that stand inside another page's bundle
// folder (content/articles/a/notes.md beside content/articles/a/index.md).
// Such a file belongs to the bundle, as in Hugo, and is no page of its own:
// it gets a warning, keyed by its path, and no page.
func InsideBundles(places map[string]Place) map[string]*Error {
	bundles := map[string]string{} // folder → its index file
	for p, pl := range places {
		if pl.Bundle != "" {
			bundles[pl.Bundle] = p
		}
	}
	if len(bundles) == 0 {
		return nil
	}
	inside := map[string]*Error{}
	paths := make([]string, 0, len(places))
	for p := range places {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		dir := path.Dir(p)
		if places[p].Bundle == dir {
			dir = path.Dir(dir) // a bundle's own index.md: look above its folder
		}
		for ; dir != "content" && dir != "." && dir != "/"; dir = path.Dir(dir) {
			if index, ok := bundles[dir]; ok {
				inside[p] = &Error{Path: p, Err: fmt.Errorf("not published: it is inside the bundle of %s, whose folder holds that page's files (move it out of %s/ to make it a page)", index, dir)}
				break
			}
		}
	}
	return inside
}
