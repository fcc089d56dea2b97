package social

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"math/rand/v2"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/corpus"
	"github.com/peeplcoach/folio/internal/feed"
	"github.com/peeplcoach/folio/internal/i18n"
)

// fromCorpus turns a synthetic Markdown article into an Article the way the
// build will, roughly: front matter fields, paragraphs before the first
// heading, "##"/"###" headings. Inline Markdown (bold, emphasis, links) is
// left in on purpose: Compose must clean what slips through.
func fromCorpus(t testing.TB, i int, f corpus.File) Article {
	t.Helper()
	a := Article{Slug: strings.TrimSuffix(f.Name, ".md")}
	a.URL = "https://www.peeplcoach.com/articles/" + a.Slug + "/"
	sc := bufio.NewScanner(bytes.NewReader(f.Data))
	sc.Buffer(nil, 1<<20)
	section, para, inHeading := 0, "", false // section: 0 before front matter, 1 in it, 2 after
	flush := func() {
		if para != "" && !inHeading {
			a.Intro = append(a.Intro, para)
		}
		para = ""
	}
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "---" && section < 2:
			section++
		case section == 1:
			k, v, _ := strings.Cut(line, ": ")
			if uq, err := strconv.Unquote(v); err == nil {
				v = uq
			}
			switch k {
			case "title":
				a.Title = v
			case "summary":
				a.Summary = v
			case "series":
				a.Series, a.Part, a.Parts = v, i%5+1, 5
			case "date":
				a.Published, _ = time.Parse(time.RFC3339, v)
			case "  - topics":
			default:
				if strings.HasPrefix(line, "  - ") {
					a.Topics = append(a.Topics, strings.TrimPrefix(line, "  - "))
				}
			}
		case strings.HasPrefix(line, "## ") || strings.HasPrefix(line, "### "):
			flush()
			inHeading = true
			level := strings.Index(line, " ")
			a.Headings = append(a.Headings, Heading{Level: level, Text: line[level+1:]})
		case line == "":
			flush()
		case !inHeading && !strings.HasPrefix(line, "- ") && !strings.HasPrefix(line, ">"):
			para = strings.TrimSpace(para + " " + line)
		}
	}
	if a.Title == "" || len(a.Headings) == 0 {
		t.Fatalf("%s: could not read the synthetic article", f.Name)
	}
	a.Card = Image{URL: "https://www.peeplcoach.com/cards/" + a.Slug + ".png", Width: CardWidth, Height: CardHeight, Type: "image/png", Length: 30000}
	return a
}

// adversarial returns articles built to break the rules: long sentences
// without boundaries, entities, mojibake, emoji, Markdown, huge headings,
// odd topics and titles over the hook limit.
func adversarial(n int) []Article {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("trust team manager lead coach feedback Don’t café naïve “quoted” — – … 👍🏽 &amp; &rsquo; **bold** _em_ [link](https://x.org/a_b) #tag C# Itâ€™s e.g. Dr. 2.0 10% Q&A <b> \u00a0 word\ttab")
	sentence := func(n int, end string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = words[r.IntN(len(words))]
			if r.IntN(8) == 0 {
				parts[i] += []string{",", ";", ":", " —"}[r.IntN(4)]
			}
		}
		s := strings.Join(parts, " ")
		return strings.ToUpper(s[:1]) + s[1:] + end
	}
	para := func() string {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString(sentence(3+r.IntN(40), []string{".", "?", "!", "…", "", "?!", ".”"}[r.IntN(7)]) + " ")
		}
		return b.String()
	}
	var out []Article
	for i := range n {
		a := Article{
			Slug:    fmt.Sprintf("adv-%d", i),
			Title:   sentence(2+r.IntN(35), ""),
			URL:     fmt.Sprintf("https://example.com/a/%d/", i),
			Summary: para(),
			Topics:  strings.Fields("Managing-Up trust équipe 2024 AI_ethics Manager’s-role #Already")[:r.IntN(8)],
		}
		if r.IntN(3) == 0 {
			a.Summary = ""
		}
		for range r.IntN(4) {
			a.Intro = append(a.Intro, para())
		}
		for j := range r.IntN(30) {
			text := sentence(1+r.IntN(30), "")
			if r.IntN(2) == 0 {
				text = strconv.Itoa(j+1) + ". " + text
			}
			a.Headings = append(a.Headings, Heading{Level: 2 + r.IntN(2), Text: text})
		}
		if r.IntN(4) == 0 {
			a.Series, a.Part, a.Parts = sentence(2+r.IntN(6), ""), 1+r.IntN(3), r.IntN(4)
		}
		out = append(out, a)
	}
	return out
}

var entity = regexp.MustCompile(`&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);`)

// checkPost asserts every rule of a composed post; sources are the texts
// the hook may have come from whole.
func checkPost(t *testing.T, a Article, p Post) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: "+format+"\npost:\n%s", append([]any{a.Slug}, append(args, p.Text)...)...)
	}
	if p.Chars != Count(p.Text) || p.Chars > MaxPost {
		fail("Chars %d, Count %d, limit %d", p.Chars, Count(p.Text), MaxPost)
	}
	if n := Count(p.Hook); n > MaxHook || n == 0 {
		fail("hook is %d characters", n)
	}
	if p.Fold != len(p.Hook) || !strings.HasPrefix(p.Text, p.Hook+"\n\n") {
		fail("post does not open with the hook %q and a blank line", p.Hook)
	}
	if !hookAtBoundary(p.Hook, a) {
		fail("hook %q does not end at a sentence or clause boundary of its source", p.Hook)
	}
	if !utf8.ValidString(p.Text) || strings.ContainsRune(p.Text, utf8.RuneError) || repairMojibake(p.Text) != p.Text {
		fail("broken characters")
	}
	for _, m := range entity.FindAllString(p.Text, -1) {
		if html.UnescapeString(m) != m { // "Q&A;" is text, "&amp;" an entity
			fail("HTML entity %q", m)
		}
	}
	if err := checkPlain(p.Text); err != nil {
		fail("not plain: %v", err)
	}
	if strings.Contains(p.Text, "\n\n\n") || strings.HasSuffix(p.Text, "\n") {
		fail("blocks not separated by exactly one blank line")
	}
	// The hashtags are the last block, or the one before the series line.
	blocks := strings.Split(p.Text, "\n\n")
	tagBlock := blocks[len(blocks)-1]
	if a.Series != "" && a.Part > 0 && len(blocks) > 1 {
		want := i18n.English().SeriesLine(a.Part, a.Parts, plain(a.Series))
		if got := blocks[len(blocks)-1]; got != want {
			fail("last block %q, want the series line %q", got, want)
		}
		tagBlock = blocks[len(blocks)-2]
	}
	lines := strings.Split(p.Text, "\n")
	for _, line := range lines {
		for _, w := range strings.Fields(line) {
			if strings.HasPrefix(w, "http") {
				u, err := url.Parse(w)
				if err != nil || !u.IsAbs() || u.Host == "" {
					fail("URL %q is not absolute", w)
					continue
				}
				q := u.Query()
				if q.Get("utm_source") != "linkedin" || q.Get("utm_medium") != "social" || q.Get("utm_campaign") == "" {
					fail("URL %q lacks the UTM parameters", w)
				}
				continue
			}
			if strings.ContainsAny(w, "*_[]`") || strings.Contains(w, "](") {
				fail("Markdown in %q", w)
			}
			if w[0] == '#' && line != tagBlock {
				fail("%q starts with '#' outside the hashtag line", w)
			}
		}
	}
	cta := "\n\nRead the full article: " + p.URL
	if !strings.Contains(p.Text, cta+"\n\n") && !strings.HasSuffix(p.Text, cta) {
		fail("no call to action with %q", p.URL)
	}
	if got := strings.Join(p.Hashtags, " "); len(p.Hashtags) > 0 && got != tagBlock || len(p.Hashtags) > MaxHashtags {
		fail("hashtags %q, hashtag block %q", got, tagBlock)
	}
	if !strings.Contains(p.Text, "? Tell us in the comments.\n\n") {
		fail("no question inviting comments before the link")
	}
	seen := map[string]bool{}
	for _, h := range p.Hashtags {
		body := strings.TrimPrefix(h, "#")
		if body == "" || !strings.ContainsFunc(body, unicode.IsLetter) || strings.ContainsFunc(body, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			fail("hashtag %q is not letters and digits", h)
		}
		if seen[strings.ToLower(h)] {
			fail("hashtag %q twice", h)
		}
		seen[strings.ToLower(h)] = true
	}
}

// hookAtBoundary reports whether hook is a whole source (summary, intro
// paragraph, title) or ends at a sentence end, a colon, or an ellipsis put
// after a whole word of the source.
func hookAtBoundary(hook string, a Article) bool {
	sources := append([]string{a.Summary, a.Title}, a.Intro...)
	for _, s := range sources {
		if plain(s) == hook {
			return true
		}
	}
	trimmed := strings.TrimRight(hook, "\"'’”)»")
	last, _ := utf8.DecodeLastRuneInString(trimmed)
	if strings.ContainsRune(".!?:", last) {
		return true
	}
	if last != '…' {
		return false
	}
	stem := strings.TrimSuffix(hook, "…")
	for _, s := range sources {
		s = plain(s)
		if rest, ok := strings.CutPrefix(s, stem); ok && rest != "" {
			next, _ := utf8.DecodeRuneInString(rest)
			if !unicode.IsLetter(next) && !unicode.IsDigit(next) {
				return true
			}
		}
		if strings.HasPrefix(s, hook) { // the source's own ellipsis
			return true
		}
	}
	return false
}

// TestCorpusPosts composes a post for every synthetic article of the build
// issue's corpus and checks every rule.
func TestCorpusPosts(t *testing.T) {
	files := corpus.Generate(1000, 42)
	opts := Options{Hashtags: []string{"#Leadership", "#PeopleManagement"}}
	for i, f := range files {
		a := fromCorpus(t, i, f)
		p, err := Compose(a, opts)
		if err != nil {
			t.Fatalf("%s: %v", a.Slug, err)
		}
		checkPost(t, a, p)
		if problems := Check(p); len(problems) > 0 {
			t.Errorf("%s: Check = %q", a.Slug, problems)
		}
		if t.Failed() {
			return
		}
	}
}

// TestAdversarialPosts does the same over articles made to break the rules.
func TestAdversarialPosts(t *testing.T) {
	for _, a := range adversarial(3000) {
		p, err := Compose(a, Options{})
		if err != nil {
			t.Fatalf("%s: %v", a.Slug, err)
		}
		checkPost(t, a, p)
		if t.Failed() {
			return
		}
	}
}

// TestCorpusFeeds runs the corpus's posts through both feeds and every
// export, checking each parses and carries every post.
func TestCorpusFeeds(t *testing.T) {
	var posts []Post
	for i, f := range corpus.Generate(200, 7) {
		p, err := Compose(fromCorpus(t, i, f), Options{})
		if err != nil {
			t.Fatal(err)
		}
		posts = append(posts, p)
	}
	rssData, err := feed.RSS(Feed(posts, channel))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(rssData, []byte("<item>")); n != len(posts) {
		t.Errorf("RSS has %d items, want %d", n, len(posts))
	}
	if _, err := feed.JSON(Feed(posts, channel)); err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats() {
		var b bytes.Buffer
		if err := Export(&b, posts, f); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b.Bytes(), []byte(posts[len(posts)-1].Slug)) {
			t.Errorf("%s export lacks the last post", f)
		}
	}
}
