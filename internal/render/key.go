package render

import (
	"encoding/binary"
	"hash/maphash"
	"time"
)

// keySeed makes keys comparable within one process, which is all they are for:
// a serve session compares a page's key with the one it had at the last rebuild.
var keySeed = maphash.MakeSeed()

// hasher feeds values into a hash with separators, so that ("ab", "c") and
// ("a", "bc") differ.
type hasher struct{ h maphash.Hash }

func newHasher() *hasher {
	h := &hasher{}
	h.h.SetSeed(keySeed)
	return h
}

func (h *hasher) str(s string) {
	h.num(int64(len(s)))
	h.h.WriteString(s)
}

func (h *hasher) num(n int64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	h.h.Write(b[:])
}

func (h *hasher) flag(b bool) {
	if b {
		h.num(1)
	} else {
		h.num(0)
	}
}

func (h *hasher) time(t time.Time) { h.num(t.UnixNano()) }

func (h *hasher) link(l Link) { h.str(l.Name); h.str(l.URL) }

func (h *hasher) card(c *Card) {
	if c == nil {
		h.num(0)
		return
	}
	h.num(int64(c.Key))
}

func (h *hasher) download(d Download) { h.str(d.URL); h.num(d.Size) }

func (h *hasher) checklistLinks(c *ChecklistLinks) {
	if c == nil {
		h.num(0)
		return
	}
	h.str(c.Page)
	h.download(c.A4)
	h.download(c.Letter)
	h.num(int64(c.Items))
}

func (h *hasher) sum() uint64 { return h.h.Sum64() }

// computeKey sets c.Key from the card's fields.
func (c *Card) computeKey() {
	h := newHasher()
	h.str(c.Title)
	h.str(c.URL)
	h.str(c.Summary)
	h.time(c.Date)
	h.time(c.Updated)
	h.num(int64(len(c.Topics)))
	for _, t := range c.Topics {
		h.link(t)
	}
	if c.Series != nil {
		h.link(*c.Series)
	}
	h.num(int64(c.Part))
	h.num(int64(c.Parts))
	h.num(int64(c.ReadingMinutes))
	h.str(c.Status)
	c.Key = h.sum()
}

// Key returns a hash of everything the view holds except the site, which is the
// same for every page of a build. Two views with one key render the same bytes
// with the same templates, site and assets.
func (v *View) Key() uint64 {
	h := newHasher()
	h.str(v.Kind)
	h.str(v.Title)
	h.str(v.Description)
	h.str(v.URL)
	if v.Image != nil {
		h.str(v.Image.URL)
		h.num(int64(v.Image.Width))
		h.num(int64(v.Image.Height))
		h.str(v.Image.Type)
		h.str(v.Image.Alt)
	} else {
		h.num(0)
	}
	h.time(v.Published)
	h.time(v.Modified)
	if v.Author != nil {
		h.link(*v.Author)
	} else {
		h.num(0)
	}
	h.num(int64(len(v.Tags)))
	for _, t := range v.Tags {
		h.str(t)
	}
	h.num(int64(len(v.Breadcrumbs)))
	for _, b := range v.Breadcrumbs {
		h.link(b)
	}
	h.num(int64(len(v.Feeds)))
	for _, f := range v.Feeds {
		h.str(f.Title)
		h.str(f.URL)
		h.str(f.Type)
		h.str(f.Label)
	}
	h.str(v.Status)
	h.flag(v.NoIndex)
	if a := v.Article; a != nil {
		h.str("article")
		h.card(a.Card)
		h.num(int64(a.BodyKey))
		h.num(int64(len(a.TOC)))
		for _, e := range a.TOC {
			h.num(int64(e.Level))
			h.str(e.ID)
			h.str(e.Text)
		}
		if s := a.SeriesBox; s != nil {
			h.str(s.Name)
			h.str(s.URL)
			h.num(int64(s.Part))
			h.num(int64(s.Parts))
			h.card(s.Prev)
			h.card(s.Next)
		} else {
			h.num(0)
		}
		h.num(int64(len(a.Related)))
		for _, r := range a.Related {
			h.card(r)
		}
		h.checklistLinks(a.Checklist)
	}
	if p := v.Page; p != nil {
		h.str("page")
		h.num(int64(p.BodyKey))
	}
	if l := v.List; l != nil {
		h.str("list")
		h.str(l.Heading)
		h.str(l.Intro)
		h.num(int64(len(l.Cards)))
		for _, c := range l.Cards {
			h.card(c)
		}
		h.num(int64(l.Pager.Page))
		h.num(int64(l.Pager.Pages))
		h.str(l.Pager.Prev)
		h.str(l.Pager.Next)
		h.str(l.Pager.First)
		h.str(l.Pager.Last)
	}
	for _, counts := range [][]Count{v.Topics, v.Series} {
		h.num(int64(len(counts)))
		for _, c := range counts {
			h.str(c.Name)
			h.str(c.URL)
			h.num(int64(c.Count))
			h.time(c.Latest)
		}
	}
	if c := v.Checklist; c != nil {
		h.str("checklist")
		h.str(c.Title)
		h.str(c.Intro)
		h.num(int64(len(c.Groups)))
		for _, g := range c.Groups {
			h.str(g.Heading)
			h.num(int64(len(g.Items)))
			for _, it := range g.Items {
				h.str(it)
			}
		}
		h.link(c.Article)
		h.checklistLinks(&c.Links)
		h.time(c.Date)
	}
	h.num(int64(len(v.Checklists)))
	for _, c := range v.Checklists {
		h.str(c.Title)
		h.link(c.Article)
		h.num(int64(c.Items))
		h.checklistLinks(&c.Links)
	}
	return h.sum()
}
