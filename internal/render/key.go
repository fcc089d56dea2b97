package render

import (
	"github.com/peeplcoach/folio/internal/key"
)

// hasher adds folio's view types to a key.Hasher.
type hasher struct{ *key.Hasher }

func newHasher() hasher { return hasher{key.New()} }

func (h hasher) link(l Link) { h.String(l.Name); h.String(l.URL) }

func (h hasher) card(c *Card) {
	if c == nil {
		h.Int(0)
		return
	}
	h.Int(int64(c.Key))
}

func (h hasher) download(d Download) { h.String(d.URL); h.Int(d.Size) }

func (h hasher) checklistLinks(c *ChecklistLinks) {
	if c == nil {
		h.Int(0)
		return
	}
	h.String(c.Page)
	h.download(c.A4)
	h.download(c.Letter)
	h.Int(int64(c.Items))
}

// computeKey sets c.Key from the card's fields.
func (c *Card) computeKey() {
	h := newHasher()
	h.String(c.Title)
	h.String(c.URL)
	h.String(c.Summary)
	h.Time(c.Date)
	h.Time(c.Updated)
	h.Int(int64(len(c.Topics)))
	for _, t := range c.Topics {
		h.link(t)
	}
	if c.Series != nil {
		h.link(*c.Series)
	}
	h.Int(int64(c.Part))
	h.Int(int64(c.Parts))
	h.String(string(c.SeriesLine))
	h.Int(int64(c.ReadingMinutes))
	h.String(c.Status)
	h.params(c.Params)
	h.Uint(c.words.Key())
	c.Key = h.Sum()
}

// Key returns a hash of everything the view holds except the site, which is the
// same for every page of a build. Two views with one key render the same bytes
// with the same templates, site and assets.
func (v *View) Key() uint64 {
	h := newHasher()
	h.String(v.Kind)
	h.String(v.Title)
	h.String(v.Description)
	h.String(v.URL)
	if v.Image != nil {
		h.String(v.Image.URL)
		h.Int(int64(v.Image.Width))
		h.Int(int64(v.Image.Height))
		h.String(v.Image.Type)
		h.String(v.Image.Alt)
	} else {
		h.Int(0)
	}
	h.Time(v.Published)
	h.Time(v.Modified)
	if v.Author != nil {
		h.link(*v.Author)
	} else {
		h.Int(0)
	}
	h.Int(int64(len(v.Tags)))
	for _, t := range v.Tags {
		h.String(t)
	}
	h.Int(int64(len(v.Breadcrumbs)))
	for _, b := range v.Breadcrumbs {
		h.link(b)
	}
	h.Int(int64(len(v.Feeds)))
	for _, f := range v.Feeds {
		h.String(f.Title)
		h.String(f.URL)
		h.String(f.Type)
		h.String(f.Label)
	}
	h.String(v.Status)
	h.Bool(v.NoIndex)
	h.String(v.Layout)
	h.String(v.Lang)
	h.Int(int64(len(v.Translations)))
	for _, t := range v.Translations {
		h.String(t.Lang)
		h.String(t.Title)
		h.String(t.URL)
	}
	if a := v.Article; a != nil {
		h.String("article")
		h.card(a.Card)
		h.String(a.Standfirst)
		h.Int(int64(a.BodyKey))
		h.Int(int64(len(a.TOC)))
		for _, e := range a.TOC {
			h.Int(int64(e.Level))
			h.String(e.ID)
			h.String(e.Text)
		}
		if s := a.SeriesBox; s != nil {
			h.String(s.Name)
			h.String(s.URL)
			h.Int(int64(s.Part))
			h.Int(int64(s.Parts))
			h.String(string(s.Line), s.NextLine)
			h.card(s.Prev)
			h.card(s.Next)
		} else {
			h.Int(0)
		}
		h.Int(int64(len(a.Related)))
		for _, r := range a.Related {
			h.card(r)
		}
		h.checklistLinks(a.Checklist)
	}
	if p := v.Page; p != nil {
		h.String("page")
		h.Int(int64(p.BodyKey))
		h.params(p.Params)
	}
	if l := v.List; l != nil {
		h.String("list")
		h.String(l.Heading)
		h.String(l.Intro)
		h.Int(int64(len(l.Cards)))
		for _, c := range l.Cards {
			h.card(c)
		}
		h.Int(int64(l.Pager.Page))
		h.Int(int64(l.Pager.Pages))
		h.String(l.Pager.Prev)
		h.String(l.Pager.Next)
		h.String(l.Pager.First)
		h.String(l.Pager.Last)
	}
	for _, counts := range [][]Count{v.Topics, v.Series} {
		h.Int(int64(len(counts)))
		for _, c := range counts {
			h.String(c.Name)
			h.String(c.URL)
			h.Int(int64(c.Count))
			h.Time(c.Latest)
		}
	}
	if c := v.Checklist; c != nil {
		h.String("checklist")
		h.String(c.Title)
		h.String(c.Intro)
		h.Int(int64(len(c.Groups)))
		for _, g := range c.Groups {
			h.String(g.Heading)
			h.Int(int64(len(g.Items)))
			for _, it := range g.Items {
				h.String(it)
			}
		}
		h.link(c.Article)
		h.checklistLinks(&c.Links)
		h.Time(c.Date)
	}
	if s := v.Search; s != nil {
		h.String("search")
		h.String(s.Index)
		h.String(s.Host)
	}
	h.Int(int64(len(v.Checklists)))
	for _, c := range v.Checklists {
		h.String(c.Title)
		h.link(c.Article)
		h.Int(int64(c.Items))
		h.checklistLinks(&c.Links)
	}
	return h.Sum()
}
