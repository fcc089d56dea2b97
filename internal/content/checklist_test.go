package content

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestFirstArticleChecklist checks the checklist of the first article (the
// frozen copy in testdata/first-article/): every action item, in order, under
// its tip, with its exact text.
func TestFirstArticleChecklist(t *testing.T) {
	src, err := os.ReadFile("../../testdata/first-article/content/articles/get-your-manager-to-trust-you.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := conv.Convert(src)
	if err != nil {
		t.Fatal(err)
	}
	p, probs := NewPage("content/articles/get-your-manager-to-trust-you.md", Place{Kind: KindArticle, Slug: "get-your-manager-to-trust-you"}, doc)
	if len(probs.Errors)+len(probs.Warnings) > 0 {
		t.Fatalf("problems: %v %v", messages(probs.Errors), messages(probs.Warnings))
	}
	c := p.Checklist
	if c == nil {
		t.Fatal("no checklist")
	}
	want := []ChecklistGroup{
		{"Before You Start: Ask Yourself", []string{
			"How are you presenting yourself as a leader? Trust isn’t given—it’s earned. Do you follow through on commitments and meet your deadlines? Do you consider different perspectives, or are you focused only on your own needs?",
			"Do you have the right skills? Do you actually have all the skills and experience required or do you have some gaps? Do you ask for help and take feedback or do you become defensive?",
			"Would you trust YOU in your manager’s position? Be honest.",
		}},
		{"1. Understand Your Manager’s Expectations", []string{
			"What are the key guidelines, such as budget or strategic issues, I need to be aware of?",
			"What is the deadline, or when would you like me to update you on my progress?",
			"What are your major concerns about this project or task?",
		}},
		{"2. Address Their Concerns Head-On", []string{
			"“What concerns do you have about me delivering this project?”",
			"“What would I need to do for you to trust that I can deliver this to your satisfaction?”",
			"“I feel like you don’t fully trust me—what can I do differently?”",
		}},
		{"3. Don’t Get Defensive with Feedback", []string{
			"Why does your manager feel this way?",
			"What risks do they see?",
			"Learn from their perspective and their experience.",
		}},
		{"4. Meet Deadlines. Every Time.", []string{
			"Deliver on time?",
			"Meet KPIs?",
			"Follow through on commitments?",
			"Proactively share progress before they feel the need to chase you.",
		}},
		{"5. Ask for Help (Yes, Really)", []string{
			"Find mentors.",
			"Gather insights.",
			"Learn from those with more experience—including your manager.",
		}},
		{"6. Invest in Your Own Development", []string{
			"Take control: make time to learn.",
		}},
		{"7. Communicate and Share Your Plan", []string{
			"Your approach",
			"Potential risks",
			"Clear actions",
			"Timelines",
		}},
	}
	if !reflect.DeepEqual(c.Groups, want) {
		for i := range max(len(c.Groups), len(want)) {
			var g, w ChecklistGroup
			if i < len(c.Groups) {
				g = c.Groups[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("group %d:\n got %q %q\nwant %q %q", i, g.Heading, g.Items, w.Heading, w.Items)
			}
		}
	}
	if c.Title != "Checklist: Get Your Manager to Trust You" || !strings.Contains(c.Intro, "one-to-one") {
		t.Errorf("title %q intro %q", c.Title, c.Intro)
	}
}

func TestChecklistFromFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		fm, body string
		want     *Checklist
		errors   []string
	}{
		{
			name: "no items, no checklist",
			fm:   "title: A\ndate: 2025-01-01", body: "Just text.\n\n- a plain list\n",
			want: nil,
		},
		{
			name: "turned off",
			fm:   "title: A\ndate: 2025-01-01\nchecklist: false", body: "- [ ] item\n",
			want: nil,
		},
		{
			name: "defaults, items before any heading, extra groups",
			fm:   "title: A\ndate: 2025-01-01\nchecklist:\n  items:\n    - Bring a pen\n    - heading: After the meeting\n      items: [Send notes]",
			body: "- [ ] First *thing* [here](/x/)\n\n## Later\n\n- [x] Done thing\n",
			want: &Checklist{Groups: []ChecklistGroup{
				{"", []string{"First thing here"}},
				{"Later", []string{"Done thing"}},
				{"", []string{"Bring a pen"}},
				{"After the meeting", []string{"Send notes"}},
			}},
		},
		{
			name:   "wrong type",
			fm:     "title: A\ndate: 2025-01-01\nchecklist: yes please",
			errors: []string{`content/articles/a.md:4: checklist must be a map of keys, not the text "yes please"`},
		},
		{
			name:   "group without items",
			fm:     "title: A\ndate: 2025-01-01\nchecklist:\n  items:\n    - heading: Empty",
			errors: []string{`content/articles/a.md:5: checklist group "Empty" has no items`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := mustPage(t, "content/articles/a.md", "---\n"+tt.fm+"\n---\n"+tt.body)
			if got := strings.Join(messages(probs.Errors), "\n"); got != strings.Join(tt.errors, "\n") {
				t.Fatalf("errors:\n%s\nwant:\n%s", got, strings.Join(tt.errors, "\n"))
			}
			if tt.errors == nil && !reflect.DeepEqual(p.Checklist, tt.want) {
				t.Errorf("checklist = %+v, want %+v", p.Checklist, tt.want)
			}
		})
	}
}
