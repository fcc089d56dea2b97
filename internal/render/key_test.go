package render

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// fullView returns a view with every field set, pointers and slices included.
func fullView() *View {
	card := func(title string) *Card {
		c := &Card{Title: title, URL: "/articles/" + title + "/", Summary: "s", Date: time.Unix(1, 0), Updated: time.Unix(2, 0),
			Topics: []Link{{"T", "/topics/t/"}}, Series: &Link{"S", "/series/s/"}, Part: 1, Parts: 2, ReadingMinutes: 3, Status: "Draft", Params: map[string]any{"mood": "calm"}}
		c.computeKey()
		return c
	}
	links := ChecklistLinks{Page: "/a/checklist/", A4: Download{"/a.pdf", 1}, Letter: Download{"/l.pdf", 2}, Items: 3}
	return &View{
		Kind: "article", Title: "t", Description: "d", URL: "/u/",
		Image:     &Image{URL: "https://x/i.png", Width: 1, Height: 2, Type: "image/png", Alt: "a"},
		Published: time.Unix(3, 0), Modified: time.Unix(4, 0),
		Author: &Link{"A", "https://a/"}, Tags: []string{"x"},
		Breadcrumbs: []Link{{"Home", "/"}}, Feeds: []FeedLink{{"F", "/f.xml", "t", "l"}},
		Status: "Draft", NoIndex: true,
		Lang: "de", Translations: []Translation{{Lang: "en", Title: "T", URL: "/en/"}},
		Article: &Article{Card: card("a"), Standfirst: "f", BodyKey: 9, TOC: []TOCEntry{{2, "id", "#id", "text"}},
			SeriesBox: &SeriesBox{Name: "S", URL: "/s/", Part: 1, Parts: 2, Prev: card("p"), Next: card("n")},
			Related:   []*Card{card("r")}, Checklist: &links},
		Page:       &Page{BodyKey: 8, Params: map[string]any{"mood": "calm"}},
		List:       &List{Heading: "h", Intro: "i", Cards: []*Card{card("c")}, Pager: Pager{1, 2, "/p/", "/n/", "/f/", "/l/"}},
		Topics:     []Count{{"T", "/t/", 1, time.Unix(5, 0)}},
		Series:     []Count{{"S", "/s/", 1, time.Unix(6, 0)}},
		Checklist:  &Checklist{Title: "c", Intro: "i", Groups: []ChecklistGroup{{"h", []string{"x"}}}, Article: Link{"a", "/a/"}, Links: links, Date: time.Unix(7, 0)},
		Checklists: []ChecklistCard{{Title: "c", Article: Link{"a", "/a/"}, Items: 1, Links: links}},
		Search:     &SearchPage{Index: "/search/", Host: "example.com"},
	}
}

// derived fields are made from others that the key covers.
var derived = map[string]bool{"Site": true, "Article.TOC.Href": true, "Card.HTML": true, "Card.Key": true, "Article.Body": true, "Page.Body": true}

// TestViewKeyCoversEveryField changes each field of a view in turn and checks
// that the key changes: a field the key missed would let serve skip a page
// that did change.
func TestViewKeyCoversEveryField(t *testing.T) {
	base := fullView().Key()
	var paths []string
	collect(reflect.TypeOf(View{}), "", &paths)
	if len(paths) < 60 {
		t.Fatalf("found only %d fields: %v", len(paths), paths)
	}
	for _, p := range paths {
		v := fullView()
		if !mutate(reflect.ValueOf(v).Elem(), strings.Split(p, ".")) {
			t.Errorf("could not change %s", p)
			continue
		}
		recomputeCards(v)
		if v.Key() == base {
			t.Errorf("changing %s leaves View.Key unchanged", p)
		}
	}
}

func recomputeCards(v *View) {
	for _, c := range append(append([]*Card{v.Article.Card, v.Article.SeriesBox.Prev, v.Article.SeriesBox.Next}, v.Article.Related...), v.List.Cards...) {
		c.computeKey()
	}
}

// collect lists the leaf fields of t as dotted paths, through pointers, slices
// (their first element) and structs.
func collect(t reflect.Type, prefix string, out *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if f.Anonymous {
			name = f.Type.Elem().Name()
		}
		p := prefix + name
		if derived[p] || derived[t.Name()+"."+f.Name] {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeOf(time.Time{}) {
			collect(ft, p+".", out)
			continue
		}
		*out = append(*out, p)
	}
}

// mutate changes the leaf at path inside v.
func mutate(v reflect.Value, path []string) bool {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Slice {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return false
			}
			v = v.Elem()
		} else {
			if v.Len() == 0 {
				return false
			}
			v = v.Index(0)
		}
	}
	if len(path) == 0 {
		switch v.Kind() {
		case reflect.String:
			v.SetString(v.String() + "!")
		case reflect.Int, reflect.Int64:
			v.SetInt(v.Int() + 1)
		case reflect.Uint64:
			v.SetUint(v.Uint() + 1)
		case reflect.Bool:
			v.SetBool(!v.Bool())
		case reflect.Map: // front-matter params: one more key
			v.SetMapIndex(reflect.ValueOf("extra"), reflect.ValueOf(any(1)))
		case reflect.Struct:
			t := v.Interface().(time.Time)
			v.Set(reflect.ValueOf(t.Add(time.Hour)))
		default:
			return false
		}
		return true
	}
	f := v.FieldByName(path[0])
	if !f.IsValid() {
		// an embedded *Card appears under its type name
		f = v.FieldByName("Card")
		if !f.IsValid() || path[0] != "Card" {
			return false
		}
	}
	return mutate(f, path[1:])
}

func TestSiteKeyCoversEveryField(t *testing.T) {
	full := func() *Site {
		return &Site{Title: "t", Description: "d", Language: "en", BaseURL: "https://x", Organisation: Party{"o", "u", "l"}, Author: Party{"a", "u", "l"},
			LinkedIn: "https://li", Nav: []Link{{"n", "/"}}, Pages: []Link{{"p", "/p/"}}, Feeds: []FeedLink{{"f", "/f", "t", "l"}}, Year: 2025, Image: &Image{"https://i", 1, 2, "image/png", "alt"}, Serve: true}
	}
	base := full().Key()
	var paths []string
	collect(reflect.TypeOf(Site{}), "", &paths)
	for _, p := range paths {
		s := full()
		if !mutate(reflect.ValueOf(s).Elem(), strings.Split(p, ".")) {
			t.Errorf("could not change %s", p)
			continue
		}
		if s.Key() == base {
			t.Errorf("changing Site.%s leaves Site.Key unchanged", p)
		}
	}
}
