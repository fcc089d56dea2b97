package content

import "github.com/peeplcoach/folio/internal/markdown"

// Checklist is an article's action items on one printable sheet.
type Checklist struct {
	// Title and Intro are the front matter's; empty, the sheet says what
	// the site's language says ("Checklist: <title>", a line on printing),
	// which the build fills in from its strings.
	Title  string
	Intro  string
	Groups []ChecklistGroup // in article order, then the front matter's extra groups
}

// Items counts the checklist's items.
func (c *Checklist) Items() int {
	n := 0
	for _, g := range c.Groups {
		n += len(g.Items)
	}
	return n
}

// makeChecklist gathers the task-list items of a document under the heading
// they stand under, in order, and adds the front matter's extra groups. It
// returns nil when the checklist is turned off or has no items.
func makeChecklist(spec ChecklistSpec, doc *markdown.Doc) *Checklist {
	if spec.Off {
		return nil
	}
	c := &Checklist{Title: spec.Title, Intro: spec.Intro}
	// Headings only move forward through a document, so items under one
	// heading are consecutive once grouped by it, even when text stands
	// between them.
	current := -2
	for _, t := range doc.Tasks {
		if t.Heading != current {
			heading := ""
			if t.Heading >= 0 {
				heading = doc.Headings[t.Heading].Text
			}
			c.Groups = append(c.Groups, ChecklistGroup{Heading: heading})
			current = t.Heading
		}
		g := &c.Groups[len(c.Groups)-1]
		g.Items = append(g.Items, t.Text)
	}
	c.Groups = append(c.Groups, spec.Items...)
	if c.Items() == 0 {
		return nil
	}
	return c
}
