package migrate

import (
	"strings"

	"github.com/peeplcoach/folio/internal/slug"
)

// Keys other generators use for what folio calls updated, summary, author,
// topics, series and image, in the order they are preferred.
var (
	updatedKeys = []string{"updated", "lastmod", "last_modified_at", "modified", "last_modified", "update"}
	summaryKeys = []string{"summary", "description", "excerpt"}
	topicKeys   = []string{"topics", "categories", "category", "tags"}
	imageKeys   = []string{"image", "images", "cover", "featured_image", "featuredimage", "feature_image", "featureimage", "thumbnail", "header", "banner"}
)

// mapFront fills what p's front matter says in folio's terms: the updated
// date, summary, author, topics, series and share image. used holds the
// keys the generator's reader took care of already (title, date, slug…);
// every other key folio has no use for is counted for the report.
func (im *importer) mapFront(p *page, used map[string]bool) {
	fm := p.fm
	take := func(k string) (any, bool) {
		v, ok := fm[k]
		if ok {
			used[k] = true
		}
		return v, ok && v != nil
	}
	for _, k := range updatedKeys {
		if v, ok := take(k); ok && p.updated.isZero() {
			s, err := parseStamp(v, im.site.location)
			if err != nil {
				im.pageNote(Warning, p, "%s: %v; left out", k, err)
				continue
			}
			p.updated = s
		}
	}
	for _, k := range summaryKeys {
		if v, ok := take(k); ok && p.fmMapped.summary == "" {
			p.fmMapped.summary = oneLine(str(v))
		}
	}
	p.fmMapped.authors = authorsOf(fm, take)
	for _, k := range []string{"language", "lang", "locale"} {
		if v, ok := take(k); ok && p.fmMapped.language == "" {
			p.fmMapped.language = languageTag(str(v))
		}
	}
	var topics []string
	for _, k := range topicKeys {
		if v, ok := take(k); ok {
			topics = append(topics, im.topicList(k, v)...)
		}
	}
	p.fmMapped.topics = uniqueTopics(topics)
	if v, ok := take("series"); ok {
		list := strs(v)
		if len(list) > 0 {
			p.fmMapped.series = list[0]
		}
		if len(list) > 1 {
			im.pageNote(Warning, p, "series: folio puts an article in one series; %q kept, %s left out", list[0], strings.Join(list[1:], ", "))
		}
	}
	for _, k := range imageKeys {
		v, ok := take(k)
		if !ok || p.fmMapped.image != "" {
			continue
		}
		p.fmMapped.image, p.fmMapped.imageAlt = imageOf(v)
	}
	for _, k := range []string{"image_alt", "imagealt", "image_description"} {
		if v, ok := take(k); ok && p.fmMapped.imageAlt == "" {
			p.fmMapped.imageAlt = str(v)
		}
	}
	for k := range fm {
		if !used[k] {
			im.dropped[k]++
		}
	}
}

// topicList reads tags or categories: a list, or one text. Jekyll splits a
// text of categories or tags at spaces ("categories: web dev" is two).
func (im *importer) topicList(key string, v any) []string {
	if s, ok := v.(string); ok && im.gen == "jekyll" && (key == "categories" || key == "tags") {
		return strings.Fields(s)
	}
	return strs(v)
}

// uniqueTopics drops topics that are the same for folio ("Go" and "go").
func uniqueTopics(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range in {
		s := slug.Make(t)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, t)
	}
	return out
}

// authorOf reads the author or authors of a site: the names joined with
// commas, for site.yaml's one author.
func authorOf(fm map[string]any, take func(string) (any, bool)) string {
	return strings.Join(authorsOf(fm, take), ", ")
}

// authorsOf reads author or authors: a name, a list of names, or maps with
// a name.
func authorsOf(fm map[string]any, take func(string) (any, bool)) []string {
	var names []string
	for _, k := range []string{"author", "authors"} {
		v, ok := take(k)
		if !ok {
			continue
		}
		items, isList := v.([]any)
		if !isList {
			items = []any{v}
		}
		for _, item := range items {
			if m, isMap := item.(map[string]any); isMap {
				item = m["name"]
				if item == nil {
					item = m["display_name"]
				}
			}
			if s := str(item); s != "" && !containsFold(names, s) {
				names = append(names, s)
			}
		}
	}
	return names
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// imageOf reads a share image: a path, a list of paths (the first counts),
// or a map such as Hugo's cover: {image, alt} or Jekyll themes' header:
// {image, teaser, overlay_image}.
func imageOf(v any) (src, alt string) {
	switch v := v.(type) {
	case []any:
		if len(v) > 0 {
			return imageOf(v[0])
		}
	case map[string]any:
		for _, k := range []string{"image", "src", "path", "url", "feature", "overlay_image", "teaser", "filename"} {
			if s := str(v[k]); s != "" {
				src = s
				break
			}
		}
		for _, k := range []string{"alt", "image_alt", "caption", "image_description"} {
			if s := str(v[k]); s != "" {
				alt = s
				break
			}
		}
		return src, alt
	}
	return str(v), ""
}

// oneLine joins the lines of a text (a folded YAML summary) with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
