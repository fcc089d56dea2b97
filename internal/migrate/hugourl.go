package migrate

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// hugoPaths holds the settings that shape Hugo's URLs.
type hugoPaths struct {
	removeAccents bool // removePathAccents
	keepCase      bool // disablePathToLower
	ugly          bool // uglyURLs
	permalinks    map[string]string
	legacy        bool // make paths as Hugo did before 0.123
}

// sanitize is Hugo's UnicodeSanitize: letters, digits, marks and . / \ _ # +
// ~ - @ stay, %XX escapes stay, a run of spaces becomes one hyphen, anything
// else goes.
func (h hugoPaths) sanitize(s string) string {
	if h.legacy {
		return h.sanitizeLegacy(s)
	}
	if h.removeAccents {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if r, _, err := transform.String(t, s); err == nil {
			s = r
		}
	}
	src := []rune(s)
	out := make([]rune, 0, len(src))
	prependHyphen, wasHyphen := false, false
	for i, r := range src {
		ok := strings.ContainsRune("./\\_#+~-@", r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(r == '%' && i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2]))
		if ok {
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					out = append(out, '-')
				}
				prependHyphen = false
			}
			out = append(out, r)
		} else if len(out) > 0 && !wasHyphen && unicode.IsSpace(r) {
			prependHyphen = true
		}
	}
	return string(out)
}

// sanitizeLegacy is UnicodeSanitize as Hugo had it from about 0.80 to
// 0.122: hyphens were not kept as such, and a run of spaces and hyphens
// became one hyphen ("a - b" → "a-b" either way, but "a-" → "a" here).
func (h hugoPaths) sanitizeLegacy(s string) string {
	if h.removeAccents {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if r, _, err := transform.String(t, s); err == nil {
			s = r
		}
	}
	src := []rune(s)
	out := make([]rune, 0, len(src))
	prependHyphen := false
	for i, r := range src {
		ok := strings.ContainsRune("./\\_#+~", r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(r == '%' && i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2]))
		if ok {
			if prependHyphen {
				out = append(out, '-')
				prependHyphen = false
			}
			out = append(out, r)
		} else if len(out) > 0 && (r == '-' || unicode.IsSpace(r)) {
			prependHyphen = true
		}
	}
	return string(out)
}

func isHex(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F')
}

// makePath is Hugo's MakePathSanitized: sanitized and, unless the site says
// otherwise, lower-cased.
func (h hugoPaths) makePath(s string) string {
	s = h.sanitize(s)
	if !h.keepCase {
		s = strings.ToLower(s)
	}
	return s
}

// urlize is what Hugo does to a title or slug before it goes into a URL.
func (h hugoPaths) urlize(s string) string { return h.makePath(s) }

// hugoPage is what Hugo's URL rules read from a page.
type hugoPage struct {
	dir      string // content-relative folder of the page (of its bundle's folder for a bundle)
	name     string // file name without extensions, or the bundle's folder name
	section  string // first folder, "" for a page at the root
	sections string // the path of the page's nearest section ("posts/2019" when 2019 has an _index.md)
	title    string
	slug     string
	date     time.Time
	lang     string // the page's language
	transKey string // what its translations share: translationKey, else its path without language
}

var permalinkAttr = regexp.MustCompile(`:\w+(\[.+?\])?`)

// url returns the path Hugo gives a regular page, without base path or
// language prefix: the section's permalink pattern expanded, or the
// page's folder and its slug or file name.
func (h hugoPaths) url(p hugoPage) (string, error) {
	var u string
	if pattern, ok := h.permalinks[p.section]; ok && p.section != "" {
		var err error
		if u, err = h.expand(pattern, p); err != nil {
			return "", err
		}
	} else {
		name := p.name
		if p.slug != "" {
			name = p.slug
		}
		u = h.makePath("/" + path.Join(p.dir, name) + "/")
	}
	u = "/" + strings.TrimLeft(path.Clean("/"+u), "/")
	if h.ugly {
		if u == "/" {
			return u, nil
		}
		return strings.TrimSuffix(u, "/") + ".html", nil
	}
	if path.Ext(u) == ".html" || path.Ext(u) == ".htm" {
		return u, nil
	}
	return strings.TrimSuffix(u, "/") + "/", nil
}

// expand fills a permalink pattern such as "/:year/:month/:slug/".
func (h hugoPaths) expand(pattern string, p hugoPage) (string, error) {
	pattern = strings.ReplaceAll(pattern, `\:`, "\x00")
	var err error
	out := permalinkAttr.ReplaceAllStringFunc(pattern, func(m string) string {
		attr := m[1:]
		d := p.date
		switch attr {
		case "year":
			return strconv.Itoa(d.Year())
		case "month":
			return fmt.Sprintf("%02d", int(d.Month()))
		case "monthname":
			return d.Month().String()
		case "day":
			return fmt.Sprintf("%02d", d.Day())
		case "weekday":
			return strconv.Itoa(int(d.Weekday()))
		case "weekdayname":
			return d.Weekday().String()
		case "yearday":
			return strconv.Itoa(d.YearDay())
		case "section", "sectionslug":
			return p.section
		case "sections", "sectionslugs":
			return p.sections
		case "title":
			return h.urlize(p.title)
		case "slug":
			if p.slug != "" {
				return h.urlize(p.slug)
			}
			return h.urlize(p.title)
		case "slugorfilename", "slugorcontentbasename":
			if p.slug != "" {
				return h.urlize(p.slug)
			}
			return h.urlize(p.name)
		case "filename", "contentbasename":
			return h.urlize(p.name)
		}
		if strings.HasPrefix(attr, "sections[") {
			return path.Join(sliceSections(strings.Split(p.sections, "/"), strings.TrimPrefix(attr, "sections"))...)
		}
		// A Go time layout such as :2006 or :Jan.
		ref := time.Date(2019, time.November, 9, 23, 1, 42, 1, time.UTC)
		if ref.Format(attr) != attr {
			return d.Format(attr)
		}
		err = fmt.Errorf("permalink %q: %s is not a Hugo permalink attribute", pattern, m)
		return m
	})
	return strings.ReplaceAll(out, "\x00", ":"), err
}

// sliceSections applies a [low:high], [n] or [last] cut to a section path,
// as Hugo's :sections[…] does, without ever failing.
func sliceSections(s []string, cut string) []string {
	cut = strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(cut)), "["), "]")
	idx := func(v string, low bool) int {
		switch {
		case v == "" && low:
			return 0
		case v == "":
			return len(s)
		case v == "last":
			return len(s) - 1
		}
		n, _ := strconv.Atoi(v)
		return max(0, min(n, len(s)))
	}
	lo, hi, ranged := strings.Cut(cut, ":")
	if !ranged {
		i := idx(lo, true)
		if i < 0 || i >= len(s) {
			return nil
		}
		return []string{s[i]}
	}
	a, b := idx(lo, true), idx(hi, false)
	if a < 0 || a > b {
		return nil
	}
	return s[a:b]
}
