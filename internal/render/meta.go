package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/slug"
)

// Abs returns the absolute URL of a site path, in the one URL form
// (slug.EscapePath).
func (v *View) Abs(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	return v.Site.BaseURL + slug.EscapePath(path)
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
		title += " (" + v.T("page_n", "page", v.List.Pager.Page) + ")"
	}
	return title + " · " + v.Site.Title
}

// NavLinks are the entries of the main navigation: the sections of the site,
// then its standalone pages (About …).
func (v *View) NavLinks() []Link {
	links := make([]Link, 0, len(v.Site.Nav)+len(v.Site.Pages))
	return append(append(links, v.Site.Nav...), v.Site.Pages...)
}

// sectionOf is the navigation entry of each page kind that lives inside a
// section: an article is one of the Articles, a topic one of the Topics.
var sectionOf = map[string]string{
	"home": "/", "article": "/", "topic": "/topics/", "topics": "/topics/",
	"series": "/series/", "serieslist": "/series/", "checklist": "/checklists/", "checklists": "/checklists/",
}

// NavCurrent returns the URL of the main navigation entry this page is or
// belongs to, or "": the header partial varies with it and NavIsPage alone, so
// it is rendered once per entry and reused (see partialCached).
func (v *View) NavCurrent() string {
	links := v.NavLinks()
	for _, l := range links {
		if l.URL == v.URL {
			return l.URL
		}
	}
	if section, ok := sectionOf[v.Kind]; ok {
		for _, l := range links {
			if l.URL == section {
				return l.URL
			}
		}
	}
	return ""
}

// NavIsPage reports whether the page is its navigation entry's own page (the
// first page of /topics/), rather than a page inside that section (a topic).
func (v *View) NavIsPage() bool { return v.URL == v.NavCurrent() }

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
	var docs []any
	publisher := &ldThing{Type: "Organization", Name: v.Site.Organisation.Name, URL: v.Site.Organisation.URL}
	if v.Site.Organisation.Logo != "" {
		publisher.Logo = &ldThing{Type: "ImageObject", URL: v.Abs(v.Site.Organisation.Logo)}
	}
	canonical := v.Canonical()
	switch v.Kind {
	case "article":
		post := &ldPost{
			Context: schemaOrg, Type: "BlogPosting",
			Headline: v.Title, Description: v.Description, URL: canonical,
			MainEntityOfPage: &ldThing{Type: "WebPage", ID: canonical},
			DatePublished:    v.Published.Format(time.RFC3339),
			DateModified:     v.Modified.Format(time.RFC3339),
			InLanguage:       v.Lang,
			Publisher:        publisher,
			Keywords:         v.Tags,
		}
		if v.Author != nil {
			post.Author = &ldThing{Type: "Person", Name: v.Author.Name, URL: v.Author.URL}
		}
		if img := v.ShareImage(); img != nil {
			post.Image = &ldThing{Type: "ImageObject", URL: img.URL, Width: img.Width, Height: img.Height}
		}
		if a := v.Article; a != nil {
			if a.ReadingMinutes > 0 {
				post.TimeRequired = "PT" + strconv.Itoa(a.ReadingMinutes) + "M"
			}
			if a.SeriesBox != nil {
				post.IsPartOf = &ldThing{Type: "CreativeWorkSeries", Name: a.SeriesBox.Name, URL: v.Abs(a.SeriesBox.URL)}
			}
		}
		docs = append(docs, post)
	case "home":
		docs = append(docs, &ldPage{Context: schemaOrg, Type: "WebSite", Name: v.Site.Title, Description: v.Site.Description, URL: v.Abs("/"), InLanguage: v.Site.Language, Publisher: publisher})
	case "topic", "series", "topics", "serieslist", "checklists":
		docs = append(docs, &ldPage{Context: schemaOrg, Type: "CollectionPage", Name: v.Title, Description: v.Description, URL: canonical, InLanguage: v.Site.Language})
	}
	if len(v.Breadcrumbs) > 1 {
		list := &ldBreadcrumbs{Context: schemaOrg, Type: "BreadcrumbList", Items: make([]ldListItem, len(v.Breadcrumbs))}
		for i, b := range v.Breadcrumbs {
			list.Items[i] = ldListItem{Type: "ListItem", Position: i + 1, Name: b.Name, Item: v.Abs(b.URL)}
		}
		docs = append(docs, list)
	}
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

const schemaOrg = "https://schema.org"

// The schema.org types folio writes. Typed structs marshal faster than maps
// and keep the properties in a readable order.
type (
	ldThing struct {
		Type   string   `json:"@type"`
		ID     string   `json:"@id,omitempty"`
		Name   string   `json:"name,omitempty"`
		URL    string   `json:"url,omitempty"`
		Width  int      `json:"width,omitempty"`
		Height int      `json:"height,omitempty"`
		Logo   *ldThing `json:"logo,omitempty"`
	}
	ldPost struct {
		Context          string   `json:"@context"`
		Type             string   `json:"@type"`
		Headline         string   `json:"headline"`
		Description      string   `json:"description,omitempty"`
		URL              string   `json:"url"`
		MainEntityOfPage *ldThing `json:"mainEntityOfPage"`
		DatePublished    string   `json:"datePublished"`
		DateModified     string   `json:"dateModified"`
		InLanguage       string   `json:"inLanguage,omitempty"`
		Author           *ldThing `json:"author,omitempty"`
		Publisher        *ldThing `json:"publisher"`
		Image            *ldThing `json:"image,omitempty"`
		Keywords         []string `json:"keywords,omitempty"`
		TimeRequired     string   `json:"timeRequired,omitempty"`
		IsPartOf         *ldThing `json:"isPartOf,omitempty"`
	}
	ldPage struct {
		Context     string   `json:"@context"`
		Type        string   `json:"@type"`
		Name        string   `json:"name"`
		Description string   `json:"description,omitempty"`
		URL         string   `json:"url"`
		InLanguage  string   `json:"inLanguage,omitempty"`
		Publisher   *ldThing `json:"publisher,omitempty"`
	}
	ldBreadcrumbs struct {
		Context string       `json:"@context"`
		Type    string       `json:"@type"`
		Items   []ldListItem `json:"itemListElement"`
	}
	ldListItem struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		Name     string `json:"name"`
		Item     string `json:"item"`
	}
)
