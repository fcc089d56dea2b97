package content

import "strings"

// otherGeneratorKey returns folio's key for a front-matter key that Hugo,
// Jekyll and other generators use for the same thing, or "": a site moving
// in gets "tags" → "topics" rather than silence, since edit distance finds
// no key near "tags".
func otherGeneratorKey(k string) string {
	switch strings.ToLower(k) {
	case "tags", "tag", "categories", "category":
		return "topics"
	case "description", "excerpt":
		return "summary"
	case "lastmod", "last_modified_at", "last_modified", "modified", "update", "updated_at":
		return "updated"
	case "publishdate", "pubdate", "published_at", "date_published":
		return "date"
	case "authors":
		return "author"
	case "redirect_from":
		return "aliases"
	case "url", "permalink":
		return "slug"
	case "cover", "images", "featured_image", "featuredimage", "thumbnail":
		return "image"
	case "published":
		return "draft"
	}
	return ""
}
