package content

import "strings"

// otherGeneratorKey returns folio's key for a front-matter key that Hugo,
// Jekyll and other generators use for the same thing, and that folio does
// not read as its own (frontkeys.go reads tags, categories, description,
// lastmod, authors, lang and published directly), or "". Edit distance finds
// no key near these, so without the table they would get no suggestion.
func otherGeneratorKey(k string) string {
	switch strings.ToLower(k) {
	case "tag", "category", "keywords":
		return "topics"
	case "abstract", "subtitle":
		return "summary"
	case "last_modified", "modified", "update", "updated_at", "date_modified":
		return "updated"
	case "publishdate", "pubdate", "published_at", "date_published":
		return "date"
	case "redirect_from":
		return "aliases"
	case "url", "permalink":
		return "slug"
	case "cover", "images", "featured_image", "featuredimage", "thumbnail":
		return "image"
	}
	return ""
}
