package social

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/i18n"
)

// Compose makes the LinkedIn post for an article, in the shape that reads
// well and invites comments, each block separated by a blank line:
//
//	hook                      (at most MaxHook characters, ending at a boundary)
//	                          ← the fold: all above shows before "see more"
//	• key point               (two or three short lines of value)
//	• key point
//	• key point
//
//	A question that invites comments?
//
//	Read the full article: https://…?utm_source=linkedin&utm_medium=social&utm_campaign=…
//
//	#Hashtag #Hashtag #Hashtag
//
//	Part 2 of 5 in the series “…”      (if the article is in a series)
//
// The hook is linkedin.hook, else a paragraph of the introduction that is a
// question on its own, else the introduction's first sentence (or
// sentences) — never the SEO summary — else the title, each shortened at a
// sentence or clause boundary (see shorten). Key points are linkedin.points,
// else the first three numbered headings ("1. Understand …") without their
// numbers, else the first three H2s that are not closers such as "Final
// Thoughts"; Title Case headings are written in sentence case. Without key
// points the summary is the value line, when it adds to the hook. The
// question is linkedin.question or the language's default. The hashtags are
// the article's own, its topics' and the site's (Options.Hashtags, always
// kept), at most MaxHashtags. With the link in the first comment
// (linkedin.link or Options.Link "comment"), the text says so where the link
// would be and Post.FirstComment holds the link. Key points, then the value
// line, then the series line are dropped from the end when the post would
// pass MaxPost.
//
// linkedin.text replaces all of it and is used as is once valid: plain text,
// at most MaxPost characters, a first paragraph of at most MaxHook.
// Invalid hand-written fields are a *FieldError.
func Compose(a Article, o Options) (Post, error) {
	p := Post{
		Slug:      a.Slug,
		Title:     plain(a.Title),
		Canonical: a.URL,
		Published: a.Published,
		Card:      a.Card,
	}
	if p.Title == "" {
		return Post{}, composeErr(a, fieldErr("title", "empty"))
	}
	if o.Strings == nil {
		o.Strings = i18n.English()
	}
	var err error
	p.Campaign, err = campaign(a, o)
	if err != nil {
		return Post{}, composeErr(a, err)
	}
	p.URL, err = trackedURL(a.URL, p.Campaign)
	if err != nil {
		return Post{}, composeErr(a, err)
	}
	inComment, err := linkInComment(a, o)
	if err != nil {
		return Post{}, composeErr(a, err)
	}
	readMore := o.Strings.T("post_read_more", "url", p.URL)
	if inComment {
		p.FirstComment = readMore
	}
	if a.Text != "" {
		err = handWritten(&p, a)
	} else {
		err = generated(&p, a, o, inComment, readMore)
	}
	if err != nil {
		return Post{}, composeErr(a, err)
	}
	p.Chars = Count(p.Text)
	return p, nil
}

// linkInComment reports whether the post keeps its link for the first
// comment: linkedin.link, else the site's setting.
func linkInComment(a Article, o Options) (bool, error) {
	for _, l := range []struct{ field, value string }{{"linkedin.link", a.Link}, {"link", o.Link}} {
		switch strings.TrimSpace(l.value) {
		case "":
			continue
		case LinkPost:
			return false, nil
		case LinkComment:
			return true, nil
		default:
			return false, fieldErr(l.field, "%q: write %q (the link in the post) or %q (the link in the first comment)", l.value, LinkPost, LinkComment)
		}
	}
	return false, nil
}

func composeErr(a Article, err error) error {
	return fmt.Errorf("compose linkedin post for %q: %w", a.Slug, err)
}

// campaign returns the utm_campaign value: the article's, else the site's
// with {slug} filled in, else the slug.
func campaign(a Article, o Options) (string, error) {
	c := strings.TrimSpace(a.Campaign)
	field := "linkedin.campaign"
	if c == "" {
		c = strings.ReplaceAll(strings.TrimSpace(o.Campaign), "{slug}", a.Slug)
		field = "campaign"
	}
	if c == "" {
		c = a.Slug
		field = "slug"
	}
	if c == "" {
		return "", fieldErr(field, "empty: a campaign name is needed for the link")
	}
	for _, r := range c {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return "", fieldErr(field, "control or broken character in %q", c)
		}
	}
	return c, nil
}

// trackedURL returns the absolute canonical URL with LinkedIn UTM parameters
// appended in their usual order (any query it has is kept).
func trackedURL(canonical, campaign string) (string, error) {
	u, err := url.Parse(canonical)
	if err != nil {
		return "", &FieldError{Field: "url", Err: err}
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fieldErr("url", "%q is not an absolute http(s) URL", canonical)
	}
	q := "utm_source=linkedin&utm_medium=social&utm_campaign=" + url.QueryEscape(campaign)
	if u.RawQuery != "" {
		q = u.RawQuery + "&" + q
	}
	u.RawQuery = q
	return u.String(), nil
}

// handWritten validates linkedin.text and fills the post from it.
func handWritten(p *Post, a Article) error {
	if a.Hook != "" {
		return fieldErr("linkedin.hook", "set with linkedin.text: the text's first paragraph is its hook, so set only one")
	}
	text := strings.TrimSpace(strings.ReplaceAll(a.Text, "\r\n", "\n"))
	if err := checkPlain(text); err != nil {
		return &FieldError{Field: "linkedin.text", Err: err}
	}
	if n := Count(text); n > MaxPost {
		return fieldErr("linkedin.text", "%w: %d characters, LinkedIn allows %d", errTooLong, n, MaxPost)
	}
	hook, _, _ := strings.Cut(text, "\n\n")
	if n := Count(hook); n > MaxHook {
		return fieldErr("linkedin.text", "%w: the first paragraph is %d characters, more than the %d that show before \"see more\"; break it after a sentence", errTooLong, n, MaxHook)
	}
	p.Text, p.Hook, p.Fold = text, hook, len(hook)
	for _, w := range strings.Fields(text) {
		if len(w) > 1 && w[0] == '#' && checkWord(w) == nil {
			p.Hashtags = append(p.Hashtags, strings.TrimRight(w, ".,;:!?"))
		}
	}
	return nil
}

// generated composes the post from the article's parts.
func generated(p *Post, a Article, o Options, inComment bool, readMore string) error {
	tags, err := hashtags(a, o)
	if err != nil {
		return err
	}
	p.Hashtags = tags
	if a.Hook != "" {
		p.Hook, err = handHook(a.Hook)
		if err != nil {
			return err
		}
	} else {
		p.Hook = chooseHook(a, p.Title)
	}
	p.Fold = len(p.Hook)

	points, err := pointLines(a)
	if err != nil {
		return err
	}
	value := ""
	if len(points) == 0 {
		value = valueLine(a, p.Hook)
	}
	question := strings.TrimSpace(a.Question)
	if question != "" {
		question, err = handLine("linkedin.question", question)
		if err != nil {
			return err
		}
	} else if len(points) > 0 {
		question = o.Strings.T("post_question_points")
	} else {
		question = o.Strings.T("post_question")
	}
	link := readMore
	if inComment {
		link = o.Strings.T("post_link_in_comment")
	}
	series := ""
	if s := plain(a.Series); s != "" && a.Part > 0 {
		series = o.Strings.SeriesLine(a.Part, a.Parts, s)
	}

	// The blocks in order; empty ones are left out. What must stay is the
	// hook, the question and the link; what fits of the rest is kept.
	blocks := func() []string {
		var bs []string
		for _, b := range []string{p.Hook, strings.Join(points, "\n"), value, question, link, strings.Join(tags, " "), series} {
			if b != "" {
				bs = append(bs, b)
			}
		}
		return bs
	}
	for Count(strings.Join(blocks(), "\n\n")) > MaxPost {
		switch {
		case len(points) > 0:
			points = points[:len(points)-1]
		case value != "":
			value = ""
		case series != "":
			series = ""
		case len(tags) > 0:
			tags = tags[:len(tags)-1]
			p.Hashtags = tags
		default:
			return fieldErr("url", "%w: the link alone leaves no room for a %d-character post", errTooLong, MaxPost)
		}
	}
	p.Text = strings.Join(blocks(), "\n\n")
	return nil
}

// handLine validates a one-paragraph hand-written field.
func handLine(field, s string) (string, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if err := checkPlain(s); err != nil {
		return "", &FieldError{Field: field, Err: err}
	}
	if strings.Contains(s, "\n\n") {
		return "", fieldErr(field, "%w: a blank line; write one paragraph", errNotPlain)
	}
	return s, nil
}

// maxPoints is how many key points a post lists: two or three short lines
// of value read on a phone; more is a table of contents.
const maxPoints = 3

// bullet starts each key point's line.
const bullet = "• "

// pointLines returns the post's key points as list lines.
func pointLines(a Article) ([]string, error) {
	var points []string
	if len(a.Points) > 0 {
		for i, pt := range a.Points {
			line, err := handLine("linkedin.points["+strconv.Itoa(i)+"]", pt)
			if err != nil {
				return nil, err
			}
			if line != "" {
				points = append(points, bullet+line)
			}
		}
		return points, nil
	}
	for _, pt := range keyPoints(a.Headings, plain(a.Title)) {
		points = append(points, bullet+pt)
	}
	return points, nil
}

// valueLine is the post's line of value when the article has no key
// points: its summary, when that says more than the hook, shortened.
func valueLine(a Article, hook string) string {
	s := plain(a.Summary)
	if s == "" || strings.Contains(s, hook) || strings.Contains(hook, s) {
		return ""
	}
	return shorten(s, 2*MaxHook)
}

// handHook validates linkedin.hook.
func handHook(h string) (string, error) {
	h = strings.TrimSpace(strings.ReplaceAll(h, "\r\n", "\n"))
	if err := checkPlain(h); err != nil {
		return "", &FieldError{Field: "linkedin.hook", Err: err}
	}
	if strings.Contains(h, "\n\n") {
		return "", fieldErr("linkedin.hook", "%w: a blank line; the hook is one paragraph", errNotPlain)
	}
	if n := Count(h); n > MaxHook {
		return "", fieldErr("linkedin.hook", "%w: %d characters, at most %d show before \"see more\"", errTooLong, n, MaxHook)
	}
	return h, nil
}

// chooseHook picks and shortens the hook; see Compose.
func chooseHook(a Article, title string) string {
	for _, para := range a.Intro {
		if !strings.Contains(para, "?") || len(para) > 8*MaxHook {
			continue // cannot be a short question: skip the cleaning
		}
		if q := plain(para); isQuestion(q) {
			return q
		}
	}
	if h := shorten(plain(first(a.Intro)), MaxHook); h != "" {
		return h
	}
	if h := shorten(title, MaxHook); h != "" {
		return h
	}
	return wordCut(title, MaxHook)
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// isQuestion reports whether para is one question that can stand as a hook:
// a single sentence ending in '?' (or "?!"), 20 to MaxHook characters.
func isQuestion(para string) bool {
	n := Count(para)
	if n < 20 || n > MaxHook {
		return false
	}
	end := strings.TrimRight(para, "\"'’”)!")
	if !strings.HasSuffix(end, "?") {
		return false
	}
	return len(sentenceEnds(para)) == 1
}

// closers are H2s that end an article rather than make a point of it.
var closers = map[string]bool{
	"final thoughts": true, "final thought": true, "conclusion": true, "conclusions": true,
	"in conclusion": true, "summary": true, "in summary": true, "wrapping up": true,
	"wrap-up": true, "wrap up": true, "key takeaways": true, "takeaways": true,
	"the bottom line": true, "bottom line": true, "next steps": true,
	"further reading": true, "references": true, "resources": true, "related": true,
	"related articles": true, "faq": true, "faqs": true, "about the author": true,
	"over to you": true, "one last thing": true, "closing thoughts": true,
}

// keyPoints returns the article's key points, at most maxPoints: the
// headings that carry a number, without it, when there are at least two;
// else the H2s that are neither closers nor the title. Title Case is
// written as a sentence. Fewer than two points make no list.
func keyPoints(hs []Heading, title string) []string {
	var numbered, h2 []string
	for _, h := range hs {
		if h.Level != 2 && h.Level != 3 {
			continue
		}
		t := plain(h.Text)
		if t == "" {
			continue
		}
		if rest, ok := cutNumber(t); ok {
			numbered = append(numbered, rest)
		}
		if h.Level == 2 && !strings.EqualFold(t, title) && !closers[strings.ToLower(strings.TrimRight(t, ".:!"))] {
			h2 = append(h2, t)
		}
	}
	points := numbered
	if len(numbered) < 2 {
		points = h2
	}
	if len(points) < 2 {
		return nil
	}
	points = points[:min(len(points), maxPoints)]
	for i, t := range points {
		points[i] = sentenceCase(strings.TrimRight(t, ":"))
	}
	return points
}

// cutNumber returns a heading without its leading "1. " or "1) ", and
// whether it had one.
func cutNumber(t string) (string, bool) {
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' ' {
		return strings.TrimSpace(t[i+2:]), true
	}
	return t, false
}
