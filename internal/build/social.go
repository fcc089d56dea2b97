package build

import (
	"errors"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/social"
)

// Card sizes: LinkedIn's recommended share image.
const cardWidth, cardHeight = 1200, 627

// postIn is what an article's LinkedIn post is made from: the article as
// lists know it, its share image, the site's options. The article's body
// (introduction and headings) comes with the body, apart.
type postIn struct {
	Path     string
	Article  social.Article // Intro and Headings left empty
	Options  social.Options
	Lines    map[string]int // front-matter key → line, for errors
	HookLine int
}

// postInput is the post input of an article of the index; opts are the
// site's (postOptions), made once for every post.
func postInput(site *content.Site, a *content.Article, img social.Image, opts social.Options) postIn {
	in := postIn{
		Path: a.Path,
		Article: social.Article{
			Slug:      a.Slug,
			Title:     a.Title,
			URL:       site.URL(a.URL),
			Summary:   a.Summary,
			Published: a.Date,
			Hook:      a.LinkedIn.Hook,
			Text:      a.LinkedIn.Text,
			Hashtags:  a.LinkedIn.Hashtags,
			Campaign:  a.LinkedIn.Campaign,
			Question:  a.LinkedIn.Question,
			Points:    a.LinkedIn.Points,
			Link:      a.LinkedIn.Link,
			Card:      img,
		},
		Options:  opts,
		Lines:    a.Doc.KeyLines,
		HookLine: a.LinkedIn.Line,
	}
	for _, t := range a.Topics {
		in.Article.Topics = append(in.Article.Topics, t.Name)
	}
	if a.Series != nil {
		in.Article.Series, in.Article.Part, in.Article.Parts = a.Series.Name, a.Part, len(a.Series.Articles)
	}
	return in
}

// postOptions are the site's settings of every post.
func postOptions(site *content.Site) social.Options {
	return social.PostOptions(site.Language, site.LinkedIn.Campaign, site.LinkedIn.Link, site.LinkedIn.Hashtags)
}

// compose makes the post of in with the article's body, or reports why it
// cannot: a hand-written hook or text over LinkedIn's limits is an error at
// its front-matter line.
func compose(in postIn, body *markdown.Doc) (social.Post, *content.Error) {
	article := in.Article
	article.Intro = body.Intro
	for _, h := range body.Headings {
		article.Headings = append(article.Headings, social.Heading{Level: h.Level, Text: h.Text})
	}
	post, err := social.Compose(article, in.Options)
	if err == nil {
		return post, nil
	}
	line := in.HookLine
	var fe *social.FieldError
	if errors.As(err, &fe) {
		k := fe.Field
		if i := strings.IndexByte(k, '['); i >= 0 {
			k = k[:i]
		}
		line = 1
		if l, ok := in.Lines[k]; ok {
			line = l
		}
		err = fe // its own message ("linkedin.hook: too long: …"), without the slug
	}
	return social.Post{}, &content.Error{Path: in.Path, Line: line, Err: err}
}

// cardImage is the share card an article announces, when folio draws one.
func cardImage(site *content.Site, a *content.Article) (social.Image, bool) {
	if a.Image.Src != "" || !site.ShareCards {
		return social.Image{}, false
	}
	return social.Image{URL: site.URL(a.URL + "card.png"), Width: cardWidth, Height: cardHeight, Type: "image/png", Alt: a.Title}, true
}

// LinkedInPosts composes every article's LinkedIn post, newest first, exactly
// as the site's LinkedIn feed carries them (the share card's byte size aside,
// which only a build knows). The index must be Builder.Index's, whose
// articles are whole.
func LinkedInPosts(idx *content.Index) ([]social.Post, error) {
	var probs content.Problems
	posts := make([]social.Post, 0, len(idx.Articles))
	opts := postOptions(idx.Site)
	for _, a := range idx.Articles {
		img, _ := cardImage(idx.Site, a)
		post, err := compose(postInput(idx.Site, a, img, opts), a.Doc)
		if err != nil {
			probs.Errors = append(probs.Errors, err)
			continue
		}
		posts = append(posts, post)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return posts, nil
}
