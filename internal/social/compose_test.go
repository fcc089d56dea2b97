package social

import (
	"errors"
	"strings"
	"testing"

	"github.com/peeplcoach/folio/internal/i18n"
)

// base is a minimal valid article for table tests to vary.
func base() Article {
	return Article{
		Slug:   "lead-well",
		Title:  "How to Lead Well",
		URL:    "https://example.com/articles/lead-well/",
		Topics: []string{"leadership", "trust", "feedback"},
	}
}

func TestComposeHook(t *testing.T) {
	long := "Every leader eventually meets a team that does not trust them yet, and the first months decide whether that changes or hardens into habit for years"
	tests := []struct {
		name string
		edit func(*Article)
		want string
	}{
		{"front matter hook wins", func(a *Article) {
			a.Hook = "Trust is earned in small moments."
			a.Intro = []string{"We coach leaders every week."}
		}, "Trust is earned in small moments."},
		{"a question paragraph of the intro", func(a *Article) {
			a.Intro = []string{"We coach leaders every week.", "How do I get my boss to trust me?"}
		}, "How do I get my boss to trust me?"},
		{"a question inside a longer paragraph: the first sentence", func(a *Article) {
			a.Intro = []string{"Do you deliver? Most of us think so."}
		}, "Do you deliver? Most of us think so."},
		// Issue 10, case 7: the SEO summary is written for search results, not
		// for the first line of a post.
		{"never the summary", func(a *Article) {
			a.Summary = "Seven ways to build trust with your manager."
			a.Intro = []string{"We coach leaders every week."}
		}, "We coach leaders every week."},
		{"the intro's first sentences that fit", func(a *Article) {
			a.Intro = []string{"Trust is built slowly. It is lost in a moment, and every manager knows it. " + long + "."}
		}, "Trust is built slowly. It is lost in a moment, and every manager knows it."},
		{"first sentence too long: cut at its last clause", func(a *Article) {
			a.Intro = []string{long + "."}
		}, "Every leader eventually meets a team that does not trust them yet…"},
		{"no clause boundary: the title", func(a *Article) {
			a.Intro = []string{strings.Repeat("word ", 40) + "end."}
		}, "How to Lead Well"},
		{"title when there is nothing else", func(a *Article) { a.Summary = "A summary." }, "How to Lead Well"},
		{"markdown and entities removed", func(a *Article) {
			a.Intro = []string{"Trust is **earned** &mdash; not [given](https://x.org)."}
		}, "Trust is earned — not given."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			tt.edit(&a)
			p, err := Compose(a, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Hook != tt.want {
				t.Errorf("hook = %q, want %q", p.Hook, tt.want)
			}
			if !strings.HasPrefix(p.Text, p.Hook+"\n\n") || p.Fold != len(p.Hook) {
				t.Errorf("post does not open with the hook and a blank line at Fold %d:\n%s", p.Fold, p.Text)
			}
		})
	}
}

func TestComposeLongTitleHook(t *testing.T) {
	a := base()
	a.Title = strings.Repeat("Leadership ", 20) + "Matters"
	p, err := Compose(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := Count(p.Hook); n > MaxHook {
		t.Errorf("hook is %d characters, want at most %d", n, MaxHook)
	}
	if !strings.HasSuffix(p.Hook, "Leadership…") {
		t.Errorf("hook = %q, want it cut after a whole word with an ellipsis", p.Hook)
	}
}

func TestComposeKeyPoints(t *testing.T) {
	tests := []struct {
		name     string
		headings []Heading
		want     []string
	}{
		{"numbered H3s under an H2, without numbers, in sentence case, at most three", []Heading{
			{2, "Five Habits"}, {3, "1. Listen First"}, {3, "2. Address Their Concerns Head-On"}, {3, "3. Meet Deadlines. Every Time."}, {3, "4. Ask Better"}, {2, "Final Thoughts"},
		}, []string{"Listen first", "Address their concerns head-on", "Meet deadlines. Every time."}},
		{"numbered H2s", []Heading{{2, "1) Listen"}, {2, "2) Ask"}, {2, "Conclusion"}}, []string{"Listen", "Ask"}},
		{"H2s when the headings are not numbered, closers and the title skipped", []Heading{
			{2, "How to Lead Well"}, {2, "Listen First"}, {3, "A detail"}, {2, "Ask *Better*"}, {2, "Key Takeaways:"}, {2, "FAQ"},
		}, []string{"Listen first", "Ask better"}},
		{"sentence-case headings are kept as written", []Heading{{2, "Ask for help from Peeplcoach"}, {2, "Work with your CEO"}}, []string{"Ask for help from Peeplcoach", "Work with your CEO"}},
		{"one point makes no list", []Heading{{2, "Listen First"}, {2, "Final Thoughts"}}, nil},
		{"no headings", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			a.Headings = tt.headings
			p, err := Compose(a, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := keyPoints(a.Headings, a.Title)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("key points = %q, want %q", got, tt.want)
			}
			block := "\n\n• " + strings.Join(tt.want, "\n• ") + "\n\n"
			if has := strings.Contains(p.Text, block); has != (tt.want != nil) {
				t.Errorf("post has the list block %q: %v, want %v:\n%s", block, has, tt.want != nil, p.Text)
			}
		})
	}
}

func TestSentenceCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Understand Your Manager’s Expectations", "Understand your manager’s expectations"},
		{"Address Their Concerns Head-On", "Address their concerns head-on"},
		{"Don’t Get Defensive with Feedback", "Don’t get defensive with feedback"},
		{"Meet Deadlines. Every Time.", "Meet deadlines. Every time."},
		{"Ask for Help (Yes, Really)", "Ask for help (yes, really)"},
		{"Would You Trust YOU in Their Position?", "Would you trust YOU in their position?"},
		{"Why I Left LinkedIn for Good", "Why I left LinkedIn for good"},
		{"Lead with Trust", "Lead with trust"},
		{"Surface All Milestones", "Surface all milestones"},
		{"Lead with trust", "Lead with trust"},
		{"Work with your CEO at Peeplcoach", "Work with your CEO at Peeplcoach"},
	}
	for _, tt := range tests {
		if got := sentenceCase(tt.in); got != tt.want {
			t.Errorf("sentenceCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestComposeShape checks the order of a generated post's blocks, each
// separated by one blank line: hook, key points, question, link, hashtags,
// series (issue 10, case 7).
func TestComposeShape(t *testing.T) {
	a := base()
	a.Intro = []string{"Do you trust your team to deliver?"}
	a.Headings = []Heading{{2, "1. Listen First"}, {2, "2. Ask Better Questions"}, {2, "3. Give Credit"}, {2, "4. Follow Up"}}
	a.Series, a.Part, a.Parts = "Managing Up", 2, 5
	p, err := Compose(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Do you trust your team to deliver?\n\n" +
		"• Listen first\n• Ask better questions\n• Give credit\n\n" +
		"Which of these would make the biggest difference for you? Tell us in the comments.\n\n" +
		"Read the full article: " + p.URL + "\n\n" +
		"#Leadership #Trust #Feedback\n\n" +
		"Part 2 of 5 in the series “Managing Up”"
	if p.Text != want {
		t.Errorf("post:\n%s\n\nwant:\n%s", p.Text, want)
	}
	if p.FirstComment != "" {
		t.Errorf("FirstComment = %q, want none: the link is in the post", p.FirstComment)
	}

	// Without key points, the summary carries the value, and the question
	// asks for experience.
	a.Headings = nil
	a.Summary = "Trust grows when you listen more than you talk."
	p, err = Compose(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Text, "Do you trust your team to deliver?\n\nTrust grows when you listen more than you talk.\n\nWhat has worked for you? Tell us in the comments.\n\nRead the full article: ") {
		t.Errorf("post without key points:\n%s", p.Text)
	}
}

func TestComposeSeries(t *testing.T) {
	de, err := i18n.New("de", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		series      string
		part, parts int
		strings     *i18n.Catalog
		want        string
	}{
		{"Managing Up", 2, 5, nil, "Part 2 of 5 in the series “Managing Up”"},
		// A series of one part so far is not "1 of 1": more are coming.
		{"Managing Up", 1, 1, nil, "Part 1 in the series “Managing Up”"},
		{"Managing Up", 2, 0, nil, "Part 2 in the series “Managing Up”"},
		{"Führung", 2, 5, de, "Teil 2 von 5 der Serie „Führung“"},
	}
	for _, tt := range tests {
		a := base()
		a.Series, a.Part, a.Parts = tt.series, tt.part, tt.parts
		p, err := Compose(a, Options{Strings: tt.strings})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(p.Text, "\n\n"+tt.want) {
			t.Errorf("series %q %d/%d: post does not end with %q:\n%s", tt.series, tt.part, tt.parts, tt.want, p.Text)
		}
		c := tt.strings
		if c == nil {
			c = i18n.English()
		}
		if line := c.SeriesLine(tt.part, tt.parts, tt.series); line != tt.want {
			t.Errorf("i18n SeriesLine = %q; the post must use the same words, %q", line, tt.want)
		}
	}
}

func TestComposeLink(t *testing.T) {
	tests := []struct {
		name     string
		url      string
		article  string
		site     string
		wantURL  string
		wantCamp string
	}{
		{"slug by default", "https://example.com/a/", "", "", "https://example.com/a/?utm_source=linkedin&utm_medium=social&utm_campaign=lead-well", "lead-well"},
		{"site campaign with {slug}", "https://example.com/a/", "", "blog-{slug}", "https://example.com/a/?utm_source=linkedin&utm_medium=social&utm_campaign=blog-lead-well", "blog-lead-well"},
		{"article campaign wins, escaped", "https://example.com/a/", "spring launch & more", "blog", "https://example.com/a/?utm_source=linkedin&utm_medium=social&utm_campaign=spring+launch+%26+more", "spring launch & more"},
		{"existing query and fragment kept", "https://example.com/a/?lang=en#top", "", "", "https://example.com/a/?lang=en&utm_source=linkedin&utm_medium=social&utm_campaign=lead-well#top", "lead-well"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			a.URL, a.Campaign = tt.url, tt.article
			p, err := Compose(a, Options{Campaign: tt.site})
			if err != nil {
				t.Fatal(err)
			}
			if p.URL != tt.wantURL || p.Campaign != tt.wantCamp {
				t.Errorf("URL, campaign = %q, %q; want %q, %q", p.URL, p.Campaign, tt.wantURL, tt.wantCamp)
			}
			if want := "\n\nRead the full article: " + tt.wantURL + "\n\n"; !strings.Contains(p.Text, want) {
				t.Errorf("post lacks the call to action %q:\n%s", want, p.Text)
			}
			if p.Canonical != tt.url {
				t.Errorf("Canonical = %q, want %q", p.Canonical, tt.url)
			}
		})
	}
}

// TestComposeLinkInComment: with the link in the first comment (site.yaml
// or front matter), the post says so where the link would be, and the
// comment holds it.
func TestComposeLinkInComment(t *testing.T) {
	tests := []struct {
		name          string
		article, site string
		inComment     bool
	}{
		{"default: in the post", "", "", false},
		{"site setting", "", LinkComment, true},
		{"article overrides the site", LinkPost, LinkComment, false},
		{"article alone", LinkComment, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			a.Link = tt.article
			p, err := Compose(a, Options{Link: tt.site})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(p.Text, p.URL); got == tt.inComment {
				t.Errorf("link in the text: %v, want %v:\n%s", got, !tt.inComment, p.Text)
			}
			wantComment := ""
			if tt.inComment {
				wantComment = "Read the full article: " + p.URL
				if !strings.Contains(p.Text, "\n\nThe full article is linked in the first comment.\n\n") {
					t.Errorf("post does not point to the first comment:\n%s", p.Text)
				}
			}
			if p.FirstComment != wantComment {
				t.Errorf("FirstComment = %q, want %q", p.FirstComment, wantComment)
			}
			if problems := Check(p); len(problems) > 0 {
				t.Errorf("Check = %q, want none", problems)
			}
		})
	}
}

func TestComposeHandQuestionAndPoints(t *testing.T) {
	a := base()
	a.Question = "What would you add?"
	a.Points = []string{"Listen before you answer", "Ask what success looks like"}
	a.Headings = []Heading{{2, "1. One"}, {2, "2. Two"}}
	p, err := Compose(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "\n\n• Listen before you answer\n• Ask what success looks like\n\nWhat would you add?\n\nRead the full article: ") {
		t.Errorf("hand-written points and question not used:\n%s", p.Text)
	}
}

func TestComposeHashtags(t *testing.T) {
	tests := []struct {
		name   string
		own    []string
		topics []string
		site   []string
		want   string
	}{
		{"topics camel-cased", nil, []string{"Managing Up", "trust", "professional-development"}, nil, "#ManagingUp #Trust #ProfessionalDevelopment"},
		{"front matter first, duplicates by case dropped", []string{"#Leadership", "trust"}, []string{"Trust", "leadership", "Feedback"}, nil, "#Leadership #Trust #Feedback"},
		{"at most five", nil, []string{"a1", "b2", "c3", "d4", "e5", "f6"}, nil, "#A1 #B2 #C3 #D4 #E5"},
		{"site hashtags always join", nil, []string{"trust"}, []string{"#Leadership", "Coaching"}, "#Trust #Leadership #Coaching"},
		// The first article has six topics: the site's tag still joins, within five.
		{"site hashtags take a topic's place", nil, []string{"a", "b", "c", "d", "e", "f"}, []string{"#Leadership"}, "#A #B #C #D #Leadership"},
		{"site hashtag already a topic", nil, []string{"Leadership", "trust"}, []string{"#leadership"}, "#Trust #Leadership"},
		{"own, topics, site", []string{"Coaching"}, []string{"trust", "feedback", "x", "y"}, []string{"#Leadership"}, "#Coaching #Trust #Feedback #X #Leadership"},
		{"accents and apostrophes", nil, []string{"équipe dirigeante", "Manager’s role", "AI ethics"}, nil, "#ÉquipeDirigeante #ManagersRole #AIEthics"},
		{"topics without letters make none", nil, []string{"2024", "—", "trust"}, nil, "#Trust"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			a.Hashtags, a.Topics = tt.own, tt.topics
			p, err := Compose(a, Options{Hashtags: tt.site})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(p.Hashtags, " "); got != tt.want {
				t.Errorf("hashtags = %q, want %q", got, tt.want)
			}
			if !strings.HasSuffix(p.Text, "\n\n"+tt.want) {
				t.Errorf("post does not end with the hashtags %q:\n%s", tt.want, p.Text)
			}
			if n := len(p.Hashtags); n > MaxHashtags {
				t.Errorf("%d hashtags, at most %d", n, MaxHashtags)
			}
		})
	}
}

func TestComposeHandWritten(t *testing.T) {
	text := "Trust is earned.\n\nThree things we coach:\n1. Deliver\n2. Ask\n\nMore: https://example.com/a_b/#x\n\n#Trust #ManagingUp"
	a := base()
	a.Text = text + "\r\n"
	p, err := Compose(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != text || p.Hook != "Trust is earned." || p.Fold != len("Trust is earned.") {
		t.Errorf("hand-written post = %q (hook %q, fold %d), want it as written", p.Text, p.Hook, p.Fold)
	}
	if got, want := strings.Join(p.Hashtags, " "), "#Trust #ManagingUp"; got != want {
		t.Errorf("hashtags = %q, want %q (those in the text)", got, want)
	}
}

func TestComposeErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Article)
		field string
		is    error
	}{
		{"hook too long", func(a *Article) { a.Hook = strings.Repeat("a ", 71) }, "linkedin.hook", errTooLong},
		{"hook with markdown", func(a *Article) { a.Hook = "Trust is **earned**." }, "linkedin.hook", errNotPlain},
		{"hook with an entity", func(a *Article) { a.Hook = "Trust &amp; autonomy." }, "linkedin.hook", errNotPlain},
		{"hook of two paragraphs", func(a *Article) { a.Hook = "One.\n\nTwo." }, "linkedin.hook", errNotPlain},
		{"text too long", func(a *Article) { a.Text = "Hook.\n\n" + strings.Repeat("x", MaxPost) }, "linkedin.text", errTooLong},
		{"text's first paragraph too long", func(a *Article) { a.Text = strings.Repeat("word ", 30) + "\n\nrest" }, "linkedin.text", errTooLong},
		{"text with a markdown heading", func(a *Article) { a.Text = "Hook.\n\n# Heading" }, "linkedin.text", errNotPlain},
		{"text with a link in markdown", func(a *Article) { a.Text = "Hook.\n\nSee [this](https://x.org)." }, "linkedin.text", errNotPlain},
		{"text with mojibake", func(a *Article) { a.Text = "Itâ€™s broken." }, "linkedin.text", errNotPlain},
		{"hook and text both", func(a *Article) { a.Hook, a.Text = "Hook.", "Hook.\n\nBody." }, "linkedin.hook", nil},
		{"bad hashtag", func(a *Article) { a.Hashtags = []string{"#Trust", "#no#pe"} }, "linkedin.hashtags[1]", nil},
		{"empty hashtag", func(a *Article) { a.Hashtags = []string{""} }, "linkedin.hashtags[0]", nil},
		{"six hashtags", func(a *Article) { a.Hashtags = strings.Fields("a b c d e f") }, "linkedin.hashtags", nil},
		{"relative URL", func(a *Article) { a.URL = "/articles/a/" }, "url", nil},
		{"question of two paragraphs", func(a *Article) { a.Question = "Why?\n\nTell us." }, "linkedin.question", errNotPlain},
		{"point with markdown", func(a *Article) { a.Points = []string{"Ask **why**"} }, "linkedin.points[0]", errNotPlain},
		{"link placement", func(a *Article) { a.Link = "footer" }, "linkedin.link", nil},
		{"no title", func(a *Article) { a.Title = " " }, "title", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			tt.edit(&a)
			_, err := Compose(a, Options{})
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error = %v, want a *FieldError", err)
			}
			if fe.Field != tt.field {
				t.Errorf("field = %q, want %q (error %v)", fe.Field, tt.field, err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error = %v, want it to wrap %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), `"lead-well"`) {
				t.Errorf("error %q does not name the article", err)
			}
		})
	}
}

// TestComposeBudget checks that a post that would pass the limit loses
// what matters least first, keeping the hook, the question, the link and the
// hashtags.
func TestComposeBudget(t *testing.T) {
	a := base()
	a.Intro = []string{"Hook sentence."}
	a.Points = []string{strings.Repeat("long point ", 120), strings.Repeat("second point ", 120), "third"}
	a.Series, a.Part, a.Parts = "Managing Up", 1, 2
	p, err := Compose(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Chars > MaxPost || p.Chars != Count(p.Text) {
		t.Errorf("Chars = %d (Count %d), want at most %d", p.Chars, Count(p.Text), MaxPost)
	}
	if !strings.Contains(p.Text, "• long point") || strings.Contains(p.Text, "• second") || strings.Contains(p.Text, "• third") {
		t.Errorf("want the first key points kept and the last dropped:\n%s", p.Text)
	}
	if !strings.Contains(p.Text, p.URL) || !strings.Contains(p.Text, "\n\n#Leadership #Trust #Feedback\n\n") || !strings.HasPrefix(p.Text, "Hook sentence.\n\n") {
		t.Errorf("hook, link or hashtags lost:\n%s", p.Text)
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"Don’t—really…", 13},
		{"a\nb", 3},
		{"é", 1},
		{"👍", 2}, // outside the BMP: two UTF-16 units, as LinkedIn counts
	}
	for _, tt := range tests {
		if got := Count(tt.s); got != tt.want {
			t.Errorf("Count(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func BenchmarkCompose(b *testing.B) {
	a := firstArticle()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compose(a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
