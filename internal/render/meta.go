package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"
)

// Abs returns the absolute URL of a site path.
func (v *View) Abs(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	return v.Site.BaseURL + path
}

// Canonical returns the page's absolute URL.
func (v *View) Canonical() string { return v.Abs(v.URL) }

// HeadTitle is the <title>: the page title, then the site's, or the site's alone
// on the home page.
func (v *View) HeadTitle() string {
	if v.Kind == "home" && (v.List == nil || v.List.Pager.Page <= 1) {
		return v.Site.Title
	}
	title := v.Title
	if v.List != nil && v.List.Pager.Page > 1 {
		title += " (page " + strconv.Itoa(v.List.Pager.Page) + ")"
	}
	return title + " · " + v.Site.Title
}

// OGType is the Open Graph type: "article" for articles, "website" otherwise.
func (v *View) OGType() string {
	if v.Kind == "article" {
		return "article"
	}
	return "website"
}

// ShareImage is the page's image, or the site's default.
func (v *View) ShareImage() *Image {
	if v.Image != nil {
		return v.Image
	}
	return v.Site.Image
}

// JSONLD returns the structured data of the page for search engines, one JSON
// document per <script type="application/ld+json">: a BlogPosting for articles,
// a WebSite on the home page, a CollectionPage for lists, and a BreadcrumbList
// wherever there are breadcrumbs. The JSON is made here rather than by the
// template's escaper, which would re-encode it through reflection on every page;
// json.Marshal escapes <, > and &, so the text cannot close its script element.
func (v *View) JSONLD() ([]template.JS, error) {
	docs := v.jsonLD()
	out := make([]template.JS, len(docs))
	for i, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("json-ld: %w", err)
		}
		out[i] = template.JS(b)
	}
	return out, nil
}

func (v *View) jsonLD() []any {
	var out []any
	publisher := map[string]any{"@type": "Organization", "name": v.Site.Organisation.Name}
	if v.Site.Organisation.URL != "" {
		publisher["url"] = v.Site.Organisation.URL
	}
	if v.Site.Organisation.Logo != "" {
		publisher["logo"] = map[string]any{"@type": "ImageObject", "url": v.Abs(v.Site.Organisation.Logo)}
	}
	switch v.Kind {
	case "article":
		post := map[string]any{
			"@context":         "https://schema.org",
			"@type":            "BlogPosting",
			"headline":         v.Title,
			"description":      v.Description,
			"url":              v.Canonical(),
			"mainEntityOfPage": map[string]any{"@type": "WebPage", "@id": v.Canonical()},
			"datePublished":    v.Published.Format(time.RFC3339),
			"dateModified":     v.Modified.Format(time.RFC3339),
			"inLanguage":       v.Site.Language,
			"publisher":        publisher,
		}
		if v.Author != nil {
			author := map[string]any{"@type": "Person", "name": v.Author.Name}
			if v.Author.URL != "" {
				author["url"] = v.Author.URL
			}
			post["author"] = author
		}
		if img := v.ShareImage(); img != nil {
			post["image"] = map[string]any{"@type": "ImageObject", "url": img.URL, "width": img.Width, "height": img.Height}
		}
		if len(v.Tags) > 0 {
			post["keywords"] = v.Tags
		}
		if v.Article != nil && v.Article.ReadingMinutes > 0 {
			post["timeRequired"] = "PT" + strconv.Itoa(v.Article.ReadingMinutes) + "M"
		}
		if v.Article != nil && v.Article.SeriesBox != nil {
			post["isPartOf"] = map[string]any{"@type": "CreativeWorkSeries", "name": v.Article.SeriesBox.Name, "url": v.Abs(v.Article.SeriesBox.URL)}
		}
		out = append(out, post)
	case "home":
		out = append(out, map[string]any{
			"@context":    "https://schema.org",
			"@type":       "WebSite",
			"name":        v.Site.Title,
			"description": v.Site.Description,
			"url":         v.Abs("/"),
			"inLanguage":  v.Site.Language,
			"publisher":   publisher,
		})
	case "topic", "series", "topics", "serieslist", "checklists":
		out = append(out, map[string]any{
			"@context":    "https://schema.org",
			"@type":       "CollectionPage",
			"name":        v.Title,
			"description": v.Description,
			"url":         v.Canonical(),
			"inLanguage":  v.Site.Language,
		})
	}
	if len(v.Breadcrumbs) > 1 {
		items := make([]any, len(v.Breadcrumbs))
		for i, b := range v.Breadcrumbs {
			items[i] = map[string]any{"@type": "ListItem", "position": i + 1, "name": b.Name, "item": v.Abs(b.URL)}
		}
		out = append(out, map[string]any{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
	}
	return out
}
