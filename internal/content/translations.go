package content

import (
	"sort"
	"strings"

	"github.com/peeplcoach/folio/internal/slug"
)

// A mixed-language site links each article to its translations, so readers
// (through a link on the page) and search engines (through hreflang) find
// the version in their language. The writer says it on the translation:
//
//	language: de
//	translation_of: get-your-manager-to-trust-you
//
// translation_of names the original by its slug (an article's, or a
// standalone page's for a page) or by its path (/articles/x/). Translations
// of one original form a group, each in its own language; every page of the
// group lists the others. A translation of a translation joins the
// original's group.

// Translation is a page in another language than the one it is shown with.
type Translation struct {
	Lang string // BCP 47
	Page *Page
}

// Language returns the language of a page: its own, or the site's.
func (idx *Index) Language(p *Page) string {
	if p.Language != "" {
		return p.Language
	}
	return idx.Site.Language
}

// Translations returns the published translations of a page in other
// languages, sorted by language, or nil.
func (idx *Index) Translations(p *Page) []Translation {
	return idx.translations[p]
}

// linkTranslations groups published pages with their translations. all holds
// every page of the site, published or not, so a translation of a draft is
// no error: it is linked once the original is published.
func (idx *Index) linkTranslations(all []*Page, probs *Problems) {
	some := false
	for _, p := range all {
		some = some || p.TranslationOf != ""
	}
	if !some {
		return
	}
	byURL := make(map[string]*Page, len(all))
	for _, p := range all {
		if _, taken := byURL[p.URL]; !taken {
			byURL[p.URL] = p
		}
	}
	// original resolves translation_of; nil when it names no page.
	original := func(p *Page) *Page {
		t := slug.NFC(strings.TrimSpace(p.TranslationOf))
		if strings.HasPrefix(t, "/") {
			t = slug.UnescapePath(t)
			if !strings.HasSuffix(t, "/") {
				t += "/"
			}
			return byURL[t]
		}
		article, page := byURL["/articles/"+t+"/"], byURL["/"+t+"/"]
		if p.Kind == KindPage && page != nil || article == nil {
			return page
		}
		return article
	}
	groups := map[*Page][]*Page{} // root → its published pages
	var roots []*Page
	for _, p := range all {
		if idx.ByURL[p.URL] != p {
			continue // not published in this build
		}
		root := p
		for steps := 0; root.TranslationOf != ""; steps++ {
			next := original(root)
			if next == nil {
				probs.errorf(root.Path, root.Line("translation_of"), "translation_of %q: no article or page has that slug or path", root.TranslationOf)
				root = nil
				break
			}
			if next == p || steps > len(all) {
				probs.errorf(p.Path, p.Line("translation_of"), "translation_of %q leads back to this page: name the original, which has no translation_of", p.TranslationOf)
				root = nil
				break
			}
			root = next
		}
		if root == nil {
			continue
		}
		if _, ok := groups[root]; !ok {
			roots = append(roots, root)
		}
		groups[root] = append(groups[root], p)
	}
	idx.translations = map[*Page][]Translation{}
	for _, root := range roots {
		group := groups[root]
		if len(group) < 2 {
			continue
		}
		sort.Slice(group, func(i, j int) bool { return group[i].Path < group[j].Path })
		byLang := map[string]*Page{}
		ok := true
		for _, p := range group {
			lang := strings.ToLower(idx.Language(p))
			if other, taken := byLang[lang]; taken {
				at := p
				if at == root {
					at, other = other, p
				}
				if other == root {
					probs.errorf(at.Path, at.Line("translation_of"), "this translation of %s is in %s, as is the original: set its language:", root.Path, idx.Language(at))
				} else {
					probs.errorf(at.Path, at.Line("translation_of"), "this translation of %s is in %s, as is %s: give each translation its own language:", root.Path, idx.Language(at), other.Path)
				}
				ok = false
				continue
			}
			byLang[lang] = p
		}
		if !ok {
			continue
		}
		for _, p := range group {
			var list []Translation
			for _, q := range group {
				if q != p {
					list = append(list, Translation{Lang: idx.Language(q), Page: q})
				}
			}
			sort.Slice(list, func(i, j int) bool { return list[i].Lang < list[j].Lang })
			idx.translations[p] = list
		}
	}
}
