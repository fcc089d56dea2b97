package social

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Compose makes the LinkedIn post for an article:
//
//	hook                      (at most MaxHook characters, ending at a boundary)
//	                          ← the fold: all above shows before "see more"
//	Part 2 of 5 in the series “…”.   (if the article is in a series)
//	Title:
//	1. key point
//	2. key point …
//
//	Read the full article: https://…?utm_source=linkedin&utm_medium=social&utm_campaign=…
//
//	#Hashtag #Hashtag #Hashtag
//
// The hook is linkedin.hook, else a paragraph of the introduction that is a
// question on its own, else the summary, else the first paragraph, else the
// title, each shortened at a sentence or clause boundary (see shorten). Key
// points are the numbered headings ("1. Understand …"), else the H2s without
// closers such as "Final Thoughts", numbered. Key points are dropped from the
// end when the post would pass MaxPost.
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
	var err error
	p.Campaign, err = campaign(a, o)
	if err != nil {
		return Post{}, composeErr(a, err)
	}
	p.URL, err = trackedURL(a.URL, p.Campaign)
	if err != nil {
		return Post{}, composeErr(a, err)
	}
	if a.Text != "" {
		err = handWritten(&p, a)
	} else {
		err = generated(&p, a, o)
	}
	if err != nil {
		return Post{}, composeErr(a, err)
	}
	p.Chars = Count(p.Text)
	return p, nil
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
func generated(p *Post, a Article, o Options) error {
	tags, err := hashtags(a, o)
	if err != nil {
		return err
	}
	p.Hashtags = tags
	fromTitle := false // the title is already the hook: no lead-in repeating it
	if a.Hook != "" {
		p.Hook, err = handHook(a.Hook)
		if err != nil {
			return err
		}
	} else {
		p.Hook, fromTitle = chooseHook(a, p.Title)
	}
	p.Fold = len(p.Hook)

	series := seriesLine(a)
	leadIn := ""
	points := keyPoints(a.Headings, p.Title)
	if len(points) > 0 && !fromTitle {
		leadIn = p.Title
		// A colon introduces the list, unless the title ends a sentence or
		// has a colon already ("Strategy: 10 Lessons").
		if last, _ := utf8.DecodeLastRuneInString(leadIn); !strings.ContainsRune(".!?…", last) && !strings.Contains(leadIn, ":") {
			leadIn += ":"
		}
	}
	cta := o.CallToAction
	if cta == "" {
		cta = "Read the full article:"
	}
	cta = plain(cta) + " " + p.URL
	tagLine := strings.Join(tags, " ")

	// The parts that must stay, then what fits of the rest: key points from
	// the end, then the series and lead-in lines, then hashtags.
	size := func() int {
		n := Count(p.Hook) + 2 + Count(cta)
		if len(tags) > 0 {
			n += 2 + Count(tagLine)
		}
		if series != "" || leadIn != "" || len(points) > 0 {
			n += 2 // blank line before the block
		}
		if series != "" {
			n += Count(series) + 1
		}
		if leadIn != "" {
			n += Count(leadIn) + 1
		}
		for _, pt := range points {
			n += Count(pt) + 1
		}
		return n
	}
	for size() > MaxPost {
		switch {
		case len(points) > 0:
			points = points[:len(points)-1]
		case series != "" || leadIn != "":
			series, leadIn = "", ""
		case len(tags) > 0:
			tags = tags[:len(tags)-1]
			tagLine = strings.Join(tags, " ")
			p.Hashtags = tags
		default:
			return fieldErr("url", "%w: the link alone leaves no room for a %d-character post", errTooLong, MaxPost)
		}
	}

	var b strings.Builder
	b.Grow(size() * 3 / 2)
	b.WriteString(p.Hook)
	if series != "" || leadIn != "" || len(points) > 0 {
		b.WriteString("\n")
		for _, line := range [...]string{series, leadIn} {
			if line != "" {
				b.WriteString("\n")
				b.WriteString(line)
			}
		}
		for _, line := range points {
			b.WriteString("\n")
			b.WriteString(line)
		}
	}
	b.WriteString("\n\n")
	b.WriteString(cta)
	if len(tags) > 0 {
		b.WriteString("\n\n")
		b.WriteString(tagLine)
	}
	p.Text = b.String()
	return nil
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

// chooseHook picks and shortens the hook, and reports whether it is made
// from the title; see Compose.
func chooseHook(a Article, title string) (hook string, fromTitle bool) {
	for _, para := range a.Intro {
		if !strings.Contains(para, "?") || len(para) > 8*MaxHook {
			continue // cannot be a short question: skip the cleaning
		}
		if q := plain(para); isQuestion(q) {
			return q, false
		}
	}
	for _, src := range [...]string{a.Summary, first(a.Intro)} {
		if h := shorten(plain(src), MaxHook); h != "" {
			return h, false
		}
	}
	if h := shorten(title, MaxHook); h != "" {
		return h, true
	}
	return wordCut(title, MaxHook), true
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

// seriesLine names the series, if any: "Part 2 of 5 in the series “X”".
// A series of one part so far says "Part 1", not "Part 1 of 1": more are coming.
func seriesLine(a Article) string {
	s := plain(a.Series)
	switch {
	case s == "":
		return ""
	case a.Part > 0 && a.Parts > 1 && a.Parts >= a.Part:
		return "Part " + strconv.Itoa(a.Part) + " of " + strconv.Itoa(a.Parts) + " in the series “" + s + "”."
	case a.Part > 0:
		return "Part " + strconv.Itoa(a.Part) + " in the series “" + s + "”."
	}
	return "From the series “" + s + "”."
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

// keyPoints returns one line per key point: the headings that carry a
// number, as written, when there are at least two; else the H2s that are
// neither closers nor the title, numbered. Fewer than two points make no list.
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
		if isNumbered(t) {
			numbered = append(numbered, t)
		}
		if h.Level == 2 && !strings.EqualFold(t, title) && !closers[strings.ToLower(strings.TrimRight(t, ".:!"))] {
			h2 = append(h2, t)
		}
	}
	if len(numbered) >= 2 {
		return numbered
	}
	if len(h2) < 2 {
		return nil
	}
	for i, t := range h2 {
		h2[i] = strconv.Itoa(i+1) + ". " + t
	}
	return h2
}

// isNumbered reports whether a heading starts "1. " or "1) ".
func isNumbered(t string) bool {
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}
