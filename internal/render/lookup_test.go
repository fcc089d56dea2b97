package render

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// designerLayouts is what a designer who knows Hugo writes: a base, one
// layout for single pages, one for lists, a custom kind, partials called
// without their folder, and a card of their own.
func designerLayouts() fstest.MapFS {
	return fstest.MapFS{
		"baseof.html":        {Data: []byte(`<main>{{ block "main" . }}{{ end }}</main>`)},
		"partials/card.html": {Data: []byte(`<a href="{{ .URL }}">{{ .Title }}</a>`)},
		"partials/mood.html": {Data: []byte(`{{ with .Params.mood }}<span class="mood">{{ . }}</span>{{ end }}`)},
		"partials/big-card.html": {Data: []byte(`<article>{{ .Title }} {{ partial "mood.html" . }}` +
			`{{ with .Params.cover }}<img src="{{ .src }}" alt="{{ .alt }}">{{ end }}</article>`)},
		"single.html":    {Data: []byte(`{{ define "main" }}single:{{ .Title }} {{ with .Article }}{{ partial "mood.html" . }}{{ end }}{{ .Params.mood }}{{ end }}`)},
		"list.html":      {Data: []byte(`{{ define "main" }}list:{{ range .List.Articles }}{{ partial "big-card.html" . }}{{ end }}{{ end }}`)},
		"search.html":    {Data: []byte(`{{ define "main" }}search:{{ .Title }}{{ end }}`)},
		"checklist.html": {Data: []byte(`<!doctype html>print:{{ .Title }}`)},
	}
}

func TestFallbackLayoutsAndLayoutKey(t *testing.T) {
	tmpl, err := Load(designerLayouts(), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	site := &Site{Title: "S"}
	calm := &Card{Title: "Calm one", URL: "/articles/calm/", Params: map[string]any{"mood": "calm", "cover": map[string]any{"src": "/c.jpg", "alt": "A lake"}}}
	plain := &Card{Title: "Plain", URL: "/articles/plain/"}
	tests := []struct {
		kind string
		view *View
		want string
	}{
		{"article", &View{Title: "Calm one", Article: &Article{Card: calm}}, `<main>single:Calm one <span class="mood">calm</span>calm</main>`},
		{"page", &View{Title: "About", Page: &Page{Params: map[string]any{"mood": "bold"}}}, `<main>single:About bold</main>`},
		{"404", &View{Title: "Not found"}, `<main>single:Not found </main>`},
		{"home", &View{List: &List{Cards: []*Card{calm, plain}}}, `<main>list:<article>Calm one <span class="mood">calm</span><img src="/c.jpg" alt="A lake"></article><article>Plain </article></main>`},
		{"topic", &View{List: &List{Cards: []*Card{plain}}}, `<main>list:<article>Plain </article></main>`},
		{"checklist", &View{Title: "C"}, `<!doctype html>print:C`},
		// layout: search in a page's front matter: a new kind, no Go.
		{"page", &View{Title: "Search", Layout: "search.html", Page: &Page{}}, `<main>search:Search</main>`},
	}
	for _, tt := range tests {
		tt.view.Site, tt.view.Kind = site, tt.kind
		got, err := tmpl.Execute(tt.kind, tt.view)
		if err != nil {
			t.Errorf("%s: %v", tt.kind, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.kind, got, tt.want)
		}
	}
	_, err = tmpl.Execute("page", &View{Site: site, Kind: "page", URL: "/x/", Layout: "wide.html", Page: &Page{}})
	if err == nil || err.Error() != "layouts/wide.html: missing: the page /x/ asks for it (layout: in its front matter)" {
		t.Errorf("missing layout: err = %v", err)
	}
	if !tmpl.HasLayout("search.html") || tmpl.HasLayout("wide.html") {
		t.Error("HasLayout")
	}
}

func TestMissingLayoutWithoutFallback(t *testing.T) {
	fsys := designerLayouts()
	delete(fsys, "list.html")
	_, err := Load(fsys, LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "layouts/home.html: missing: the home page needs it (or list.html to fall back on)") {
		t.Errorf("err = %v", err)
	}
}

// TestKindFileWinsOverFallback: a kind's own file is used before single.html.
func TestKindFileWinsOverFallback(t *testing.T) {
	fsys := designerLayouts()
	fsys["article.html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}article:{{ .Title }}{{ end }}`)}
	tmpl, err := Load(fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := tmpl.Execute("article", &View{Site: &Site{}, Kind: "article", Title: "A", Article: &Article{Card: &Card{}}})
	if err != nil || string(got) != "<main>article:A</main>" {
		t.Errorf("got %s, %v", got, err)
	}
}

func TestTemplateFuncs(t *testing.T) {
	cards := []*Card{
		{Title: "Short calm", ReadingMinutes: 3, Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Topics: []Link{{Name: "Trust"}}, Params: map[string]any{"mood": "calm", "level": 2}},
		{Title: "Long bold", ReadingMinutes: 12, Date: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), Topics: []Link{{Name: "Feedback"}}, Params: map[string]any{"mood": "bold", "level": 3}},
		{Title: "No params", ReadingMinutes: 5, Date: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Series: &Link{Name: "S"}},
	}
	tests := []struct{ src, want string }{
		{`{{ range where .List.Articles "Params.mood" "calm" }}{{ .Title }};{{ end }}`, "Short calm;"},
		{`{{ range where .List.Articles "Params.mood" "!=" "calm" }}{{ .Title }};{{ end }}`, "Long bold;No params;"},
		{`{{ range where .List.Articles "Params.level" ">=" 3 }}{{ .Title }};{{ end }}`, "Long bold;"},
		{`{{ range where .List.Articles "ReadingMinutes" "<=" 5 }}{{ .Title }};{{ end }}`, "Short calm;No params;"},
		{`{{ range where .List.Articles "Params.mood" nil }}{{ .Title }};{{ end }}`, "No params;"},
		{`{{ range where .List.Articles "Series.Name" "S" }}{{ .Title }};{{ end }}`, "No params;"},
		{`{{ range where .List.Articles "Topics" "intersect" .List.Cards.Topics }}{{ end }}`, "ERR"},
		{`{{ range where .List.Articles "Params.mood" "in" (dict "a" 1).none }}{{ .Title }};{{ end }}`, ""},
		{`{{ range where .List.Articles "Topics" "intersect" (index .List.Articles 0).Topics }}{{ .Title }};{{ end }}`, "Short calm;"},
		{`{{ range where .List.Articles "Title" "like" "x" }}{{ end }}`, "ERR"},
		{`{{ $d := dict "title" "Hi" "n" 2 }}{{ $d.title }}/{{ $d.n }}`, "Hi/2"},
		{`{{ dict "odd" }}`, "ERR"},
		{`{{ safeHTML "<b>bold</b>" }} {{ "<b>escaped</b>" }}`, "<b>bold</b> &lt;b&gt;escaped&lt;/b&gt;"},
		{`{{ partial "hello.html" (dict "name" "Ann") }}|{{ partial "partials/hello.html" (dict "name" "Bo") }}`, "Hello Ann|Hello Bo"},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{
			"baseof.html":         {Data: []byte(`{{ block "main" . }}{{ end }}`)},
			"partials/card.html":  {Data: []byte(`card`)},
			"partials/hello.html": {Data: []byte(`Hello {{ .name }}`)},
			"single.html":         {Data: []byte(`x`)},
			"list.html":           {Data: []byte(`{{ define "main" }}` + tt.src + `{{ end }}`)},
		}
		tmpl, err := Load(fsys, LoadOptions{})
		if err != nil {
			if tt.want != "ERR" {
				t.Errorf("%s: %v", tt.src, err)
			}
			continue
		}
		got, err := tmpl.Execute("home", &View{Site: &Site{}, Kind: "home", List: &List{Cards: cards}})
		if tt.want == "ERR" {
			if err == nil {
				t.Errorf("%s: no error, got %s", tt.src, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}
