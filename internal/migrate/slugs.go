package migrate

import (
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/slug"
	"golang.org/x/text/unicode/norm"
)

// reservedPages are the first path segments folio's own pages use; a
// standalone page cannot be named after them. (content.reservedPageSlugs
// holds the same list for the build's check.)
var reservedPages = map[string]bool{"articles": true, "topics": true, "series": true, "page": true, "checklists": true, "feeds": true, "__folio": true}

// datePrefix matches a file name that starts with a date, the way Jekyll
// names posts and many Hugo sites do too: "2019-05-03-title".
var datePrefix = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$`)

// slugNames returns the slug candidates of a page, shortest first: its own
// name, then the name with the folders it was in (nearest first), then with
// the date it was published. dirs are the folders between the section and
// the file, outermost first.
func slugNames(name string, dirs []string, date string) []string {
	var out []string
	add := func(s string) {
		// NFC first: a name typed on macOS (NFD) and one typed elsewhere
		// make one slug.
		s = slug.Make(norm.NFC.String(s))
		if s != "" && (len(out) == 0 || out[len(out)-1] != s) {
			out = append(out, s)
		}
	}
	base := name
	if m := datePrefix.FindStringSubmatch(name); m != nil {
		base = m[4]
		date = m[1] + "-" + m[2] + "-" + m[3]
	}
	add(base)
	for i := len(dirs) - 1; i >= 0; i-- {
		// A number alone (the 05 of 2019/05/) names nothing: the whole
		// path from the year is more telling.
		if i > 0 && strings.Trim(strings.Join(dirs[i:], ""), "0123456789") == "" {
			continue
		}
		add(strings.Join(dirs[i:], "-") + "-" + base)
	}
	if date != "" {
		add(date + "-" + base)
	}
	if base != name {
		add(name)
	}
	return out
}

// assignSlugs gives every page a slug, a URL and a file. A name that several
// pages want goes to none of them: each of them takes its next, longer name,
// so the outcome does not depend on the order the files were read in.
func (im *importer) assignSlugs() {
	sort.Slice(im.pages, func(i, j int) bool { return im.pages[i].src < im.pages[j].src })
	for _, article := range []bool{true, false} {
		var group []*page
		for _, p := range im.pages {
			if p.article == article {
				group = append(group, p)
			}
		}
		im.assign(group, article)
	}
	for _, p := range im.pages {
		if p.article {
			p.url = "/articles/" + p.slug + "/"
			p.path = "content/articles/" + p.slug
		} else {
			p.url = "/" + p.slug + "/"
			p.path = "content/" + p.slug
		}
		if p.bundle != "" {
			p.path += "/index.md"
		} else {
			p.path += ".md"
		}
		if p.slug != firstName(p) {
			im.note(Info, p.path, 0, "named %q: %q was taken by another page", p.slug, firstName(p))
		}
	}
}

func firstName(p *page) string {
	if len(p.names) == 0 {
		return "page"
	}
	return p.names[0]
}

func (im *importer) assign(pages []*page, article bool) {
	taken := map[string]bool{}
	next := make(map[*page]int, len(pages))
	for _, p := range pages {
		if !article {
			names := p.names[:0:0]
			for _, n := range p.names {
				if !reservedPages[n] {
					names = append(names, n)
				}
			}
			if len(names) == 0 && len(p.names) > 0 {
				names = append(names, p.names[0]+"-page")
			}
			p.names = names
		}
		if len(p.names) == 0 {
			p.names = []string{"page"}
		}
	}
	open := pages
	for len(open) > 0 {
		wants := map[string][]*page{}
		var stuck []*page
		for _, p := range open {
			if next[p] >= len(p.names) {
				stuck = append(stuck, p)
				continue
			}
			n := p.names[next[p]]
			wants[n] = append(wants[n], p)
		}
		var again []*page
		for n, ps := range wants {
			if len(ps) == 1 && !taken[n] {
				ps[0].slug = n
				taken[n] = true
				continue
			}
			for _, p := range ps {
				next[p]++
				again = append(again, p)
			}
		}
		// Pages out of names take their longest one with a number.
		sort.Slice(stuck, func(i, j int) bool { return stuck[i].src < stuck[j].src })
		for _, p := range stuck {
			base := p.names[len(p.names)-1]
			for i := 2; ; i++ {
				if n := base + "-" + strconv.Itoa(i); !taken[n] {
					p.slug = n
					taken[n] = true
					break
				}
			}
		}
		sort.Slice(again, func(i, j int) bool { return again[i].src < again[j].src })
		open = again
	}
}

// titleFromName makes a title of a file name, as Jekyll does for posts
// without one: "my-first-post" → "My First Post".
func titleFromName(name string) string {
	if m := datePrefix.FindStringSubmatch(name); m != nil {
		name = m[4]
	}
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ")
}

// baseName returns a file's name without its extension(s) of language and
// format: "a.md" → "a", "a.fr.md" → "a" when fr is a language.
func baseName(p string, langs map[string]bool) string {
	name := path.Base(p)
	name = strings.TrimSuffix(name, path.Ext(name))
	if ext := path.Ext(name); ext != "" && langs[strings.ToLower(ext[1:])] {
		name = strings.TrimSuffix(name, ext)
	}
	return name
}
