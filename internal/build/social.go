package build

import (
	"errors"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/social"
)

// Card sizes: LinkedIn's recommended share image.
const cardWidth, cardHeight = 1200, 627

// cardImages returns the share image of every article: its own image: when it
// has one (resolved later, with the page's assets), else its drawn card.
func cardImages(idx *content.Index) map[*content.Article]social.Image {
	images := make(map[*content.Article]social.Image, len(idx.Articles))
	for _, a := range idx.Articles {
		if a.Image.Src == "" && idx.Site.ShareCards {
			images[a] = social.Image{URL: idx.Site.URL(a.URL + "card.png"), Width: cardWidth, Height: cardHeight, Type: "image/png", Alt: a.Title}
		}
	}
	return images
}

// Posts composes the LinkedIn post of every article, newest first. A
// hand-written hook or text that breaks LinkedIn's limits is an error at its
// front-matter line. The feed, the export of folio snippets and the tests all
// take their posts from here.
func Posts(idx *content.Index, images map[*content.Article]social.Image, probs *content.Problems) []social.Post {
	return posts(idx, images, probs, nil)
}

// memoPost is a composed post and a hash of what it was composed from.
type memoPost struct {
	in   uint64
	post social.Post
}

// posts composes the posts; memo, when not nil, keeps them by page path so
// that a rebuild composes only the posts whose inputs changed.
func posts(idx *content.Index, images map[*content.Article]social.Image, probs *content.Problems, memo map[string]memoPost) []social.Post {
	posts := make([]social.Post, 0, len(idx.Articles))
	opts := postOptions(idx.Site)
	for _, a := range idx.Articles {
		if post, ok := composePost(idx.Site, a, images[a], opts, probs, memo); ok {
			posts = append(posts, post)
		}
	}
	return posts
}

// postOptions are the site's settings of every post.
func postOptions(site *content.Site) social.Options {
	return social.PostOptions(site.Language, site.LinkedIn.Campaign, site.LinkedIn.Link, site.LinkedIn.Hashtags)
}

// composePost composes one article's post, or reports why it cannot.
func composePost(site *content.Site, a *content.Article, img social.Image, opts social.Options, probs *content.Problems, memo map[string]memoPost) (social.Post, bool) {
	h := key.New()
	h.Uint(a.SourceHash)
	h.String(site.BaseURL, site.Language, site.LinkedIn.Campaign, site.LinkedIn.Link, img.URL, img.Type, img.Alt)
	h.Uint(uint64(len(site.LinkedIn.Hashtags)))
	h.String(site.LinkedIn.Hashtags...)
	h.Uint(uint64(img.Length))
	for _, t := range a.Topics {
		h.String(t.Name)
	}
	if a.Series != nil {
		h.String(a.Series.Name)
		h.Uint(uint64(a.Part))
		h.Uint(uint64(len(a.Series.Articles)))
	}
	in := h.Sum()
	if m, ok := memo[a.Path]; ok && m.in == in {
		return m.post, true
	}
	article := social.Article{
		Slug:      a.Slug,
		Title:     a.Title,
		URL:       site.URL(a.URL),
		Summary:   a.Summary,
		Intro:     a.Doc.Intro,
		Published: a.Date,
		Hook:      a.LinkedIn.Hook,
		Text:      a.LinkedIn.Text,
		Hashtags:  a.LinkedIn.Hashtags,
		Campaign:  a.LinkedIn.Campaign,
		Question:  a.LinkedIn.Question,
		Points:    a.LinkedIn.Points,
		Link:      a.LinkedIn.Link,
		Card:      img,
	}
	for _, h := range a.Doc.Headings {
		article.Headings = append(article.Headings, social.Heading{Level: h.Level, Text: h.Text})
	}
	for _, t := range a.Topics {
		article.Topics = append(article.Topics, t.Name)
	}
	if a.Series != nil {
		article.Series, article.Part, article.Parts = a.Series.Name, a.Part, len(a.Series.Articles)
	}
	post, err := social.Compose(article, opts)
	if err != nil {
		line := a.LinkedIn.Line
		var fe *social.FieldError
		if errors.As(err, &fe) {
			key := fe.Field
			if i := strings.IndexByte(key, '['); i >= 0 {
				key = key[:i]
			}
			line = a.Line(key)
		}
		probs.Errors = append(probs.Errors, &content.Error{Path: a.Path, Line: line, Err: unwrapField(err)})
		return social.Post{}, false
	}
	if memo != nil {
		memo[a.Path] = memoPost{in: in, post: post}
	}
	return post, true
}

// unwrapField keeps the field's own message ("linkedin.hook: too long: …")
// without the wrapping that names the slug, which the file path already says.
func unwrapField(err error) error {
	var fe *social.FieldError
	if errors.As(err, &fe) {
		return fe
	}
	return err
}
