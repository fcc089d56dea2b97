package content

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/slug"
)

// Limits of a site's content. Each is far beyond what a writer needs, and
// keeps one file from making a build write gigabytes (10,000 topics on one
// article wrote 5.8 GB of topic pages and feeds) or fail far from the cause
// (a title too long for the share card).
const (
	MaxTitle   = 300     // characters of a title
	MaxName    = 100     // characters of a topic or series name
	MaxTopics  = 25      // topics of one article
	MaxAliases = 50      // aliases of one page
	MaxPages   = 100_000 // pages of a site: articles, standalone pages, topics and series
	MinYear    = 1900    // dates before are a typo (0001 for 2001)…
	MaxYear    = 2200    // …and after
)

// checkPage checks what NewPage read against the limits and removes
// invisible characters from names. It needs the front matter as parsed, so
// it runs before NewPage drops it.
func checkPage(pg *Page, fm map[string]any, probs *Problems) {
	for i, t := range pg.TopicNames {
		pg.TopicNames[i] = visible(t)
	}
	pg.TopicNames = dropEmpty(pg.TopicNames)
	pg.SeriesName = visible(pg.SeriesName)
	if n := utf8.RuneCountInString(pg.Title); n > MaxTitle {
		probs.errorf(pg.Path, pg.Line("title"), "the title is %d characters long, more than %d: shorten it (the summary can say more)", n, MaxTitle)
	}
	if n := len(pg.TopicNames); n > MaxTopics {
		probs.errorf(pg.Path, pg.Line("topics"), "%d topics, more than %d: keep the few that readers browse by", n, MaxTopics)
	}
	for _, t := range pg.TopicNames {
		if n := utf8.RuneCountInString(t); n > MaxName {
			probs.errorf(pg.Path, pg.Line("topics"), "topic %q is %d characters long, more than %d", shorten(t), n, MaxName)
		}
	}
	if n := utf8.RuneCountInString(pg.SeriesName); n > MaxName {
		probs.errorf(pg.Path, pg.Line("series"), "the series name is %d characters long, more than %d", n, MaxName)
	}
	if n := len(pg.Aliases); n > MaxAliases {
		probs.errorf(pg.Path, pg.Line("aliases"), "%d aliases, more than %d", n, MaxAliases)
	}
	for _, key := range []string{"date", "updated"} {
		if y, ok := yearOf(fm[key]); ok && (y < MinYear || y > MaxYear) {
			probs.errorf(pg.Path, pg.Line(key), "%s is in the year %04d: folio takes dates from %d to %d", key, y, MinYear, MaxYear)
		}
	}
}

// MaxDescription is the length of the site's description, which the site's
// share card shows under its title.
const MaxDescription = 500

// checkSite checks the settings of site.yaml against the limits.
func checkSite(s *Site, probs *Problems) {
	if n := utf8.RuneCountInString(s.Title); n > MaxTitle {
		probs.errorf(SitePath, s.Lines["title"], "the title is %d characters long, more than %d", n, MaxTitle)
	}
	if n := utf8.RuneCountInString(s.Description); n > MaxDescription {
		probs.errorf(SitePath, s.Lines["description"], "the description is %d characters long, more than %d", n, MaxDescription)
	}
}

// yearOf returns the year a front-matter date value names: a YAML timestamp,
// or text starting with one. (0001-01-01 is Go's zero time, which otherwise
// reads as no date at all.)
func yearOf(v any) (int, bool) {
	switch v := v.(type) {
	case time.Time:
		return v.Year(), true
	case string:
		s := strings.TrimSpace(v)
		if len(s) >= 5 && s[4] == '-' {
			y := 0
			for _, c := range s[:4] {
				if c < '0' || c > '9' {
					return 0, false
				}
				y = y*10 + int(c-'0')
			}
			return y, true
		}
	}
	return 0, false
}

// visible removes the characters that show nothing but make two names
// differ: zero-width spaces and joiners, bidirectional controls, soft
// hyphens, byte-order marks (Unicode's format characters, Cf), and other
// control characters. Without them, "Trust" and "Tr\u200bust" would be two
// topics that look the same. Runs of spaces become one.
func visible(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Cf, r) || unicode.IsControl(r) && r != '\t' && r != '\n' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// isPlain reports whether s is printable ASCII with single spaces, which
// visible would return as it is.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			return false
		}
	}
	return true
}

func dropEmpty(list []string) []string {
	out := list[:0]
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// checkCollisions reports topic and series names that are spelled
// differently but make one URL ("C++" and "C" both make /topics/c/), naming
// both files: they would silently become one topic. Spellings that differ
// only in case, spaces, hyphens and underscores ("Managing Up",
// "managing-up") are one name written two ways, and merge as before.
func checkCollisions(idx *Index, probs *Problems) {
	type spelling struct {
		name, path string
		line       int
	}
	byURL := map[string]map[string]spelling{} // URL → folded name → first use
	note := func(url, name string, p *Page, key string) {
		folded := fold(name)
		m := byURL[url]
		if m == nil {
			m = map[string]spelling{}
			byURL[url] = m
		}
		if s, ok := m[folded]; !ok || p.Path < s.path {
			m[folded] = spelling{name, p.Path, p.Line(key)}
		}
	}
	for _, a := range idx.Articles {
		for _, t := range a.TopicNames {
			if s := slug.Make(t); s != "" {
				note("/topics/"+s+"/", t, a.Page, "topics")
			}
		}
		if s := slug.Make(a.SeriesName); s != "" {
			note("/series/"+s+"/", a.SeriesName, a.Page, "series")
		}
	}
	urls := make([]string, 0, len(byURL))
	for u, m := range byURL {
		if len(m) > 1 {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	for _, u := range urls {
		var list []spelling
		for _, s := range byURL[u] {
			list = append(list, s)
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].path != list[j].path {
				return list[i].path < list[j].path
			}
			return list[i].name < list[j].name
		})
		what := "topic"
		if strings.HasPrefix(u, "/series/") {
			what = "series"
		}
		first := list[0]
		for _, s := range list[1:] {
			where := "in " + first.path
			if first.path == s.path {
				where = "here too"
			}
			probs.errorf(s.path, s.line, "%s %q and %s %q (%s) both make the URL %s: spell them the same, or rename one", what, s.name, what, first.name, where, u)
		}
	}
}

// fold is a name as far as telling two names apart goes: lower case, with
// runs of spaces, hyphens and underscores as one space.
func fold(name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return r == '-' || r == '_' || unicode.IsSpace(r)
	})
	return strings.Join(f, " ")
}

// checkSize reports a site with more pages than MaxPages.
func checkSize(idx *Index, probs *Problems) {
	n := len(idx.Articles) + len(idx.Pages) + len(idx.Topics) + len(idx.Series)
	if n > MaxPages {
		probs.errorf("content", 0, "the site has %d pages (articles, pages, topics and series), more than folio's limit of %d", n, MaxPages)
	}
}

// checkAlias checks an alias as a path of the site, for Netlify's
// _redirects: one path from the site's root, with nothing that _redirects
// reads as syntax (spaces and line breaks end a rule, * and :name are
// wildcards, ! forces), no way out of the site (.., //, a full URL), and
// no invisible or control characters, written or percent-encoded. It
// returns the alias with a leading slash.
func checkAlias(a string) (string, error) {
	a = strings.TrimSpace(a)
	if strings.Contains(a, "://") || strings.HasPrefix(a, "//") {
		return "", fmt.Errorf("write the path only (/old-post/), not a full URL")
	}
	if !strings.HasPrefix(a, "/") {
		a = "/" + a
	}
	if a == "/" {
		return "", fmt.Errorf("cannot redirect the home page")
	}
	if err := checkPath(a); err != nil {
		return "", err
	}
	if strings.IndexByte(a, '%') >= 0 {
		// Percent-encoding may hide what checkPath refuses: look at the
		// path as Netlify will, decoded.
		dec, err := url.PathUnescape(a)
		if err != nil {
			return "", fmt.Errorf("holds a %% that is not percent-encoding")
		}
		if err := checkPath(dec); err != nil || strings.Count(dec, "/") != strings.Count(a, "/") {
			return "", fmt.Errorf("holds percent-encoding of characters a path must not hold")
		}
	}
	return a, nil
}

// checkPath checks the characters and segments of a site path.
func checkPath(a string) error {
	for _, r := range a {
		switch {
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return fmt.Errorf("holds the control character %U: write a plain path", r)
		case unicode.IsSpace(r), r == '?', r == '#':
			return fmt.Errorf("must be a path without spaces, query or fragment")
		case strings.ContainsRune(`*:!\"<>|^{}`+"`", r):
			return fmt.Errorf("must not hold %q: Netlify's redirects read it as a pattern", r)
		}
	}
	if strings.Contains(a, "//") {
		return fmt.Errorf("must not hold // (an empty path segment)")
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == "." || seg == ".." {
			return fmt.Errorf("must not hold . or .. segments: write the old path as it was")
		}
	}
	return nil
}
