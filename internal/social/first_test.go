package social

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// firstArticle is the first real article (shared/seeds/000_6da6ba94cc1aece5.txt)
// as the build hands it over: plain-text intro paragraphs, every H2 and H3.
func firstArticle() Article {
	slug := "7-tips-to-get-your-manager-to-trust-you"
	return Article{
		Slug:    slug,
		Title:   "7 Tips to Get Your Manager to Trust You",
		URL:     "https://www.peeplcoach.com/articles/" + slug + "/",
		Summary: "At Peeplcoach, we run hundreds of coaching sessions every week with emerging, current, and senior leaders. And while every leader faces unique challenges, some struggles are universal—regardless of age, gender, seniority, experience, or industry.",
		Intro: []string{
			"At Peeplcoach, we run hundreds of coaching sessions every week with emerging, current, and senior leaders. And while every leader faces unique challenges, some struggles are universal—regardless of age, gender, seniority, experience, or industry.",
			"Lack of time. Limited resources. Competing priorities. Managing change, stress, and chaos in tough market conditions. But today, we’re tackling a big one:",
			"How do I get my boss to stop micromanaging me and let me do my job?!",
			"Let’s be clear—this isn’t just an issue for emerging leaders. We coach board directors, CEOs, and managers at all levels, and at some point, the same conversation comes up:",
			"“How do I get my manager to trust me to do my job?” Or, in more extreme cases, “How do I stop my manager from breathing down my neck every second of the day?”",
			"The truth is, there are many reasons why a boss might struggle to let go. Some are conscious, some aren’t—but the solution always comes down to one thing: clear communication and trust.",
			"Before we share the tips, ask yourself the following questions:",
			"How are you presenting yourself as a leader? Trust isn’t given—it’s earned. Do you follow through on commitments and meet your deadlines? Do you consider different perspectives, or are you focused only on your own needs?",
			"Do you have the right skills? Do you actually have all the skills and experience required or do you have some gaps? Do you ask you ask for help and take feedback or do you become defensive?",
			"Would you trust YOU in your manager’s position? Be honest.",
			"Consider your boss’s point of view and intentions:",
			"Like every relationship, the manager-employee dynamic is unique. But here are seven ways to build trust and gain more autonomy.",
		},
		Headings: []Heading{
			{2, "7 Tips to Get Your Manager to Trust You"},
			{3, "1. Understand Your Manager’s Expectations"},
			{3, "2. Address Their Concerns Head-On"},
			{3, "3. Don’t Get Defensive with Feedback"},
			{3, "4. Meet Deadlines. Every Time."},
			{3, "5. Ask for Help (Yes, Really)"},
			{3, "6. Invest in Your Own Development"},
			{3, "7. Communicate and Share Your Plan"},
			{2, "Final Thoughts"},
		},
		Topics:    []string{"Trust", "Micromanagement", "Managing Up", "Communication", "Feedback", "Professional Development"},
		Series:    "Universal Leadership Challenges",
		Part:      1,
		Parts:     1,
		Published: time.Date(2025, 2, 18, 9, 0, 0, 0, time.UTC),
		Card: Image{
			URL: "https://www.peeplcoach.com/cards/" + slug + ".png", Width: CardWidth, Height: CardHeight,
			Type: "image/png", Length: 15446, Alt: "7 Tips to Get Your Manager to Trust You",
		},
	}
}

// firstOptions are the bundled site's LinkedIn settings.
var firstOptions = Options{Hashtags: []string{"Leadership"}}

// TestFirstArticleGolden checks the first article's whole post against a
// golden file that was read aloud as a post before it was committed.
func TestFirstArticleGolden(t *testing.T) {
	p, err := Compose(firstArticle(), firstOptions)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "first-article.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(p.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != string(want) {
		t.Errorf("post differs from %s (run with -update and review the diff):\ngot:\n%s\nwant:\n%s", golden, p.Text, want)
	}
	if problems := Check(p); len(problems) > 0 {
		t.Errorf("Check(first article) = %q, want none", problems)
	}
	if got, want := p.Hook, "How do I get my boss to stop micromanaging me and let me do my job?!"; got != want {
		t.Errorf("hook = %q, want %q", got, want)
	}
	if got, want := p.Text[:p.Fold], p.Hook; got != want {
		t.Errorf("Text[:Fold] = %q, want the hook %q", got, want)
	}
	if got, wantChars := p.Chars, Count(string(want)); got != wantChars {
		t.Errorf("Chars = %d, want %d", got, wantChars)
	}
}
