package migrate

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
)

// jekyllStyles are Jekyll's built-in permalink styles.
var jekyllStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// url works out the URL Jekyll gave a document.
func (j *jekyllSite) url(d jekyllDoc, p *page, name string, cats []string) string {
	ext := ".html"
	template := str(p.fm["permalink"])
	switch {
	case template != "":
		if s, ok := jekyllStyles[template]; ok && d.typ == "posts" {
			template = s
		}
	case d.typ == "posts" || d.typ == "drafts":
		template = j.permalink
	case d.collection != "":
		// Jekyll's default: Utils.add_permalink_suffix("/:collection/:path", site.permalink_style).
		template = firstText(j.collections[d.collection].permalink, "/:collection/:path"+j.pageStyle)
		if s, ok := jekyllStyles[template]; ok {
			template = s
		}
	default:
		base := path.Base(d.src)
		base = strings.TrimSuffix(base, path.Ext(base))
		if base == "index" {
			template = "/:path/"
		} else {
			template = "/:path/:basename" + j.pageStyle
		}
	}
	date := p.date.t
	if p.date.kind == withZone {
		loc := j.im.site.location
		if loc == nil {
			loc = time.UTC
		}
		date = date.In(loc)
	}
	base := path.Base(d.src)
	base = strings.TrimSuffix(base, path.Ext(base))
	slugFM := str(p.fm["slug"])
	slugOr := func(mode string, cased bool) string {
		if slugFM != "" {
			return jekyllSlugify(slugFM, mode, cased)
		}
		if d.typ == "posts" {
			return jekyllSlugify(name, mode, cased)
		}
		return jekyllSlugify(base, mode, cased)
	}
	var catList, slugCats []string
	seen := map[string]bool{}
	for _, c := range cats {
		c = strings.ToLower(c)
		if !seen[c] {
			seen[c] = true
			catList = append(catList, c)
			slugCats = append(slugCats, jekyllSlugify(c, "default", false))
		}
	}
	relPath := strings.TrimSuffix(d.src, path.Ext(d.src))
	if d.collection != "" {
		relPath = strings.TrimPrefix(relPath, "_"+d.collection+"/")
	}
	dir := path.Dir(d.src)
	if dir == "." {
		dir = ""
	}
	values := map[string]string{
		"year": date.Format("2006"), "month": date.Format("01"), "day": date.Format("02"),
		"hour": date.Format("15"), "minute": date.Format("04"), "second": date.Format("05"),
		"i_day": date.Format("2"), "i_month": date.Format("1"), "short_year": date.Format("06"),
		"short_month": date.Format("Jan"), "long_month": date.Format("January"),
		"short_day": date.Format("Mon"), "long_day": date.Format("Monday"),
		"y_day": fmt.Sprintf("%03d", date.YearDay()), "w_day": fmt.Sprint((int(date.Weekday())+6)%7 + 1),
		"title": slugOr("pretty", true), "slug": slugOr("default", false),
		"name":                 jekyllSlugify(base, "default", false),
		"categories":           strings.Join(catList, "/"),
		"slugified_categories": strings.Join(slugCats, "/"),
		"collection":           d.collection,
		"path":                 relPath,
		"basename":             base,
		"output_ext":           ext,
	}
	if d.typ == "pages" {
		values["path"] = dir
	}
	wy, wk := date.ISOWeek()
	values["week"] = fmt.Sprintf("%02d", wk)
	values["w_year"] = fmt.Sprint(wy)
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	// Longer names first, so :slugified_categories is not read as :slug.
	sort.Slice(keys, func(a, b int) bool {
		if len(keys[a]) != len(keys[b]) {
			return len(keys[a]) > len(keys[b])
		}
		return keys[a] < keys[b]
	})
	u := template
	for _, k := range keys {
		u = strings.ReplaceAll(u, ":"+k, values[k])
	}
	// Jekyll's sanitize_url: no "..", no "./", no doubled slashes.
	u = "/" + u
	u = strings.ReplaceAll(u, "..", "/")
	u = strings.ReplaceAll(u, "./", "")
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	if strings.HasSuffix(u, "/index.html") {
		u = strings.TrimSuffix(u, "index.html")
	}
	return j.im.site.basePath + u
}

// jekyllSlugify is Jekyll's Utils.slugify in its default and pretty modes:
// runs of other characters become one hyphen, hyphens at the ends go, and
// the result is lower-cased unless cased.
func jekyllSlugify(s, mode string, cased bool) string {
	keep := func(r rune) bool {
		if isLetterMarkDigit(r) {
			return true
		}
		return mode == "pretty" && strings.ContainsRune("._~!$&'()+,;=@", r)
	}
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		if keep(r) {
			if hyphen {
				b.WriteByte('-')
				hyphen = false
			}
			b.WriteRune(r)
		} else {
			hyphen = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if !cased {
		out = strings.ToLower(out)
	}
	return out
}

func isLetterMarkDigit(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r)
}
