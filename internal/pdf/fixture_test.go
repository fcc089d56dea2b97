package pdf

import (
	"fmt"
	"time"
)

// fixture is the checklist of the first article, as the lead's build makes it
// from the Markdown.
func fixture() Checklist {
	return Checklist{
		Title: "Checklist: 7 Tips to Get Your Manager to Trust You",
		Intro: "Tick these off before your next one-to-one with your manager.",
		Groups: []Group{
			{Heading: "Before you start: ask yourself", Items: []string{
				"How are you presenting yourself as a leader?",
				"Do you have the right skills?",
				"Would you trust YOU in your manager’s position? Be honest.",
			}},
			{Heading: "1. Understand Your Manager’s Expectations", Items: []string{
				"What are the key guidelines, such as budget or strategic issues, I need to be aware of?",
				"What is the deadline, or when would you like me to update you on my progress?",
				"What are your major concerns about this project or task?",
			}},
			{Heading: "2. Address Their Concerns Head-On", Items: []string{
				"Ask, “What concerns do you have about me delivering this project?”",
				"“What would I need to do for you to trust that I can deliver this to your satisfaction?”",
				"“I feel like you don’t fully trust me—what can I do differently?”",
			}},
			{Heading: "3. Don’t Get Defensive with Feedback", Items: []string{
				"Why does your manager feel this way?",
				"What risks do they see?",
				"Learn from their perspective and their experience.",
			}},
			{Heading: "4. Meet Deadlines. Every Time.", Items: []string{
				"Deliver on time?",
				"Meet KPIs?",
				"Follow through on commitments?",
				"Proactively share progress before they feel the need to chase you.",
			}},
			{Heading: "5. Ask for Help (Yes, Really)", Items: []string{
				"Find mentors.",
				"Gather insights.",
				"Learn from those with more experience—including your manager.",
			}},
			{Heading: "6. Invest in Your Own Development", Items: []string{
				"Make time to learn: it’s not your manager’s job to develop your career. That’s on you.",
			}},
			{Heading: "7. Communicate and Share Your Plan", Items: []string{
				"Your approach",
				"Potential risks",
				"Clear actions",
				"Timelines",
			}},
		},
		ArticleTitle: "7 Tips to Get Your Manager to Trust You",
		ArticleURL:   "https://peeplcoach.com/articles/7-tips-to-get-your-manager-to-trust-you/",
		SiteName:     "Peeplcoach",
		Author:       "Peeplcoach",
		Subject:      "Printable checklist for “7 Tips to Get Your Manager to Trust You”",
		Keywords:     []string{"leadership", "trust", "managing up", "café"},
		Lang:         "en",
		Created:      time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC),
	}
}

// long is a checklist far longer than a page: 10 groups of 6 items, some of
// them wrapping onto two or three lines, with accents and dashes.
func long() Checklist {
	c := fixture()
	c.Title = "Checklist: a long one — résumé, naïveté, über-planning"
	c.Groups = nil
	for g := 1; g <= 10; g++ {
		grp := Group{Heading: fmt.Sprintf("%d. Group heading number %d", g, g)}
		for i := 1; i <= 6; i++ {
			text := fmt.Sprintf("Item %d.%d: “check” this — it’s café time", g, i)
			if i%3 == 0 {
				text += "; and a longer note that runs on, and on, so that it wraps onto a second line of the sheet and maybe a third one too if the page is narrow"
			}
			grp.Items = append(grp.Items, text)
		}
		c.Groups = append(c.Groups, grp)
	}
	return c
}
