package content

// ChecklistSpec is the checklist: front matter of an article.
type ChecklistSpec struct {
	Off   bool // checklist: false
	Title string
	Intro string
	Items []ChecklistGroup // extra groups added after the article's own
}

// ChecklistGroup is a heading and its items.
type ChecklistGroup struct {
	Heading string
	Items   []string
}

// LinkedInSpec is the linkedin: front matter of an article.
type LinkedInSpec struct {
	Hook     string
	Text     string
	Hashtags []string
	Campaign string
	Question string   // the question that invites comments
	Points   []string // the key points, by hand
	Link     string   // "post" or "comment": where the post puts the article's link
	Line     int      // of the linkedin: key, for errors found later
}

func parseChecklistSpec(f *fields) ChecklistSpec {
	v, ok := f.get("checklist")
	if !ok {
		return ChecklistSpec{}
	}
	if b, isBool := v.(bool); isBool {
		return ChecklistSpec{Off: !b}
	}
	c := f.sub("checklist")
	if c == nil {
		return ChecklistSpec{}
	}
	spec := ChecklistSpec{Title: c.str("title", false), Intro: c.str("intro", false)}
	if items, ok := c.get("items"); ok {
		spec.Items = parseChecklistItems(c, items)
	}
	c.unknown(true)
	return spec
}

// parseChecklistItems reads extra checklist items: either a list of groups
// ({heading: …, items: […]}) or a plain list of items (one group without heading).
func parseChecklistItems(c *fields, v any) []ChecklistGroup {
	list, ok := v.([]any)
	if !ok {
		c.wrongType("items", "a list", v)
		return nil
	}
	var plain ChecklistGroup
	var groups []ChecklistGroup
	for _, item := range list {
		switch item := item.(type) {
		case string:
			plain.Items = append(plain.Items, item)
		default:
			m := toStringMap(item)
			if m == nil {
				c.probs.errorf(c.path, c.line("items"), "checklist.items must hold text items or groups with heading: and items:, not %s", describe(item))
				continue
			}
			g := &fields{path: c.path, prefix: "checklist.items.", values: m, lines: c.lines, probs: c.probs}
			group := ChecklistGroup{Heading: g.str("heading", true), Items: g.list("items")}
			if len(group.Items) == 0 {
				c.probs.errorf(c.path, c.line("items"), "checklist group %q has no items", group.Heading)
			}
			g.unknown(true)
			groups = append(groups, group)
		}
	}
	if len(plain.Items) > 0 {
		groups = append([]ChecklistGroup{plain}, groups...)
	}
	return groups
}

func parseLinkedInSpec(f *fields) LinkedInSpec {
	l := f.sub("linkedin")
	if l == nil {
		return LinkedInSpec{}
	}
	spec := LinkedInSpec{
		Hook:     l.str("hook", false),
		Text:     l.str("text", false),
		Hashtags: l.list("hashtags"),
		Campaign: l.str("campaign", false),
		Question: l.str("question", false),
		Points:   l.list("points"),
		Link:     l.str("link", false),
		Line:     f.line("linkedin"),
	}
	l.unknown(true)
	return spec
}
