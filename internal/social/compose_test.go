package social

import (
	"errors"
	"strings"
	"testing"
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
			a.Summary = "A summary."
		}, "Trust is earned in small moments."},
		{"a question paragraph of the intro", func(a *Article) {
			a.Summary = "Seven ways to build trust."
			a.Intro = []string{"We coach leaders every week.", "How do I get my boss to trust me?"}
		}, "How do I get my boss to trust me?"},
		{"a question inside a longer paragraph is not taken", func(a *Article) {
			a.Summary = "Seven ways to build trust."
			a.Intro = []string{"Do you deliver? Most of us think so."}
		}, "Seven ways to build trust."},
		{"summary before the intro", func(a *Article) {
			a.Summary = "Seven ways to build trust with your manager."
			a.Intro = []string{"We coach leaders every week."}
		}, "Seven ways to build trust with your manager."},
		{"first intro paragraph without a summary", func(a *Article) {
			a.Intro = []string{"We coach leaders every week. Here is what we see."}
		}, "We coach leaders every week. Here is what we see."},
		{"title when there is nothing else", func(a *Article) {}, "How to Lead Well"},
		{"long summary cut after whole sentences", func(a *Article) {
			a.Summary = "Trust is built slowly. It is lost in a moment, and every manager knows it. " + long + "."
		}, "Trust is built slowly. It is lost in a moment, and every manager knows it."},
		{"first sentence too long: cut at its last clause", func(a *Article) {
			a.Summary = long + "."
		}, "Every leader eventually meets a team that does not trust them yet…"},
		{"no clause boundary: the title", func(a *Article) {
			a.Summary = strings.Repeat("word ", 40) + "end."
		}, "How to Lead Well"},
		{"markdown and entities removed", func(a *Article) {
			a.Summary = "Trust is **earned** &mdash; not [given](https://x.org)."
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
		{"numbered H3s under an H2, as written", []Heading{
			{2, "Five Habits"}, {3, "1. Listen First"}, {3, "2. Ask Better"}, {2, "Final Thoughts"},
		}, []string{"1. Listen First", "2. Ask Better"}},
		{"numbered H2s", []Heading{{2, "1) Listen"}, {2, "2) Ask"}, {2, "Conclusion"}}, []string{"1) Listen", "2) Ask"}},
		{"H2s numbered when the headings are not, closers and the title skipped", []Heading{
			{2, "How to Lead Well"}, {2, "Listen First"}, {3, "A detail"}, {2, "Ask *Better*"}, {2, "Key Takeaways:"}, {2, "FAQ"},
		}, []string{"1. Listen First", "2. Ask Better"}},
		{"one point makes no list", []Heading{{2, "Listen First"}, {2, "Final Thoughts"}}, nil},
		{"no headings", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			a.Summary = "Leading well is learned."
			a.Headings = tt.headings
			p, err := Compose(a, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := keyPoints(a.Headings, a.Title)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("key points = %q, want %q", got, tt.want)
			}
			block := "\n\nHow to Lead Well:\n" + strings.Join(tt.want, "\n") + "\n\n"
			if has := strings.Contains(p.Text, block); has != (tt.want != nil) {
				t.Errorf("post has the list block %q: %v, want %v:\n%s", block, has, tt.want != nil, p.Text)
			}
		})
	}
}

func TestComposeSeries(t *testing.T) {
	tests := []struct {
		series      string
		part, parts int
		want        string
	}{
		{"Managing Up", 2, 5, "Part 2 of 5 in the series “Managing Up”."},
		{"Managing Up", 2, 0, "Part 2 in the series “Managing Up”."},
		{"Managing Up", 1, 1, "Part 1 in the series “Managing Up”."},
		{"Managing Up", 0, 0, "From the series “Managing Up”."},
	}
	for _, tt := range tests {
		a := base()
		a.Series, a.Part, a.Parts = tt.series, tt.part, tt.parts
		a.Summary = "Leading well is learned."
		a.Headings = []Heading{{2, "1. One"}, {2, "2. Two"}}
		p, err := Compose(a, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if want := "\n\n" + tt.want + "\nHow to Lead Well:\n1. One"; !strings.Contains(p.Text, want) {
			t.Errorf("series %q %d/%d: post lacks %q:\n%s", tt.series, tt.part, tt.parts, want, p.Text)
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

func TestComposeCallToAction(t *testing.T) {
	p, err := Compose(base(), Options{CallToAction: "All seven tips:"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "\n\nAll seven tips: " + p.URL; !strings.Contains(p.Text, want) {
		t.Errorf("post lacks %q:\n%s", want, p.Text)
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
		{"site hashtags fill up to three", nil, []string{"trust"}, []string{"#Leadership", "Coaching", "Extra"}, "#Trust #Leadership #Coaching"},
		{"site hashtags not added past three", nil, []string{"a", "b", "c", "d"}, []string{"#Leadership"}, "#A #B #C #D"},
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

// TestComposeBudget checks that a post that would pass the limit loses key
// points from the end, keeping the first ones, the link and the hashtags.
func TestComposeBudget(t *testing.T) {
	a := base()
	a.Summary = "Hook sentence."
	for i := range 40 {
		a.Headings = append(a.Headings, Heading{2, string(rune('A'+i%26)) + " " + strings.Repeat("long heading text ", 6)})
	}
	p, err := Compose(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Chars > MaxPost || p.Chars != Count(p.Text) {
		t.Errorf("Chars = %d (Count %d), want at most %d", p.Chars, Count(p.Text), MaxPost)
	}
	if !strings.Contains(p.Text, "\n1. A long") || strings.Contains(p.Text, "\n40. ") {
		t.Errorf("want the first key points kept and the last dropped:\n%s", p.Text)
	}
	if !strings.Contains(p.Text, p.URL) || !strings.HasSuffix(p.Text, "#Leadership #Trust #Feedback") {
		t.Errorf("link or hashtags lost:\n%s", p.Text)
	}
	if MaxPost-p.Chars > 130 {
		t.Errorf("post is %d characters: a %d-character key point would still have fit", p.Chars, Count(keyPoints(a.Headings, a.Title)[0]))
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

func TestComposeLeadIn(t *testing.T) {
	tests := []struct {
		name, title, summary, want string
	}{
		{"title with a colon added", "How to Lead Well", "Leading is learned.", "Leading is learned.\n\nHow to Lead Well:\n1. One"},
		{"title with a colon already", "Strategy: 10 Lessons", "Leading is learned.", "Leading is learned.\n\nStrategy: 10 Lessons\n1. One"},
		{"title ending a question", "Why Lead?", "Leading is learned.", "Leading is learned.\n\nWhy Lead?\n1. One"},
		{"no lead-in when the title is the hook", "How to Lead Well", "", "How to Lead Well\n\n1. One"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base()
			a.Title, a.Summary = tt.title, tt.summary
			a.Headings = []Heading{{2, "1. One"}, {2, "2. Two"}}
			p, err := Compose(a, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(p.Text, tt.want+"\n") {
				t.Errorf("post starts %q, want %q", p.Text[:min(len(p.Text), len(tt.want)+5)], tt.want)
			}
		})
	}
}
