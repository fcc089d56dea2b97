package render

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// minimalLayouts is a complete set of layouts, each kind a one-liner.
func minimalLayouts() fstest.MapFS {
	fsys := fstest.MapFS{
		"baseof.html":        {Data: []byte(`<html lang="{{ .Site.Language }}"><title>{{ .HeadTitle }}</title>{{ block "main" . }}{{ end }}</html>`)},
		"partials/card.html": {Data: []byte(`<a href="{{ .URL }}">{{ .Title }}</a>`)},
	}
	for _, k := range Kinds {
		fsys[k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}<main>{{ .Title }}</main>{{ end }}`)}
	}
	fsys["checklist.html"] = &fstest.MapFile{Data: []byte(`<!doctype html><h1>{{ .Checklist.Title }}</h1>`)}
	return fsys
}

func TestExecuteFillsTheBaseLayout(t *testing.T) {
	tmpl, err := Load(minimalLayouts(), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	site := &Site{Title: "Site", Language: "en"}
	got, err := tmpl.Execute("topics", &View{Site: site, Kind: "topics", Title: "Topics & more"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<html lang="en"><title>Topics &amp; more · Site</title><main>Topics &amp; more</main></html>`; string(got) != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	// A kind that defines no "main" is a whole page.
	got, err = tmpl.Execute("checklist", &View{Site: site, Kind: "checklist", Checklist: &Checklist{Title: "C"}})
	if err != nil || string(got) != "<!doctype html><h1>C</h1>" {
		t.Errorf("checklist = %q, %v", got, err)
	}
	c := &Card{Title: "<A>", URL: "/a/"}
	if err := tmpl.RenderCard(c); err != nil || string(c.HTML) != `<a href="/a/">&lt;A&gt;</a>` {
		t.Errorf("card = %q, %v", c.HTML, err)
	}
}

func TestLoadErrorsNameFileAndLine(t *testing.T) {
	fsys := minimalLayouts()
	fsys["article.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n<p>{{ .Title }</p>\n{{ end }}")}
	delete(fsys, "topic.html")
	_, err := Load(fsys, LoadOptions{})
	if err == nil {
		t.Fatal("Load accepted broken layouts")
	}
	want := []string{`layouts/article.html:2: unexpected "}" in operand`, "layouts/topic.html: missing: the topic page needs it (or list.html to fall back on)"}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("err =\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	var le *LayoutError
	if !errors.As(err, &le) {
		t.Errorf("err is not a *LayoutError")
	}
}

func TestExecuteErrorNamesFileAndLine(t *testing.T) {
	fsys := minimalLayouts()
	fsys["page.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n\n{{ .Asset \"css/missing.css\" }}{{ end }}")}
	tmpl, err := Load(fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tmpl.Execute("page", &View{Site: &Site{}, Kind: "page", assets: NewAssets(map[string]Asset{})})
	var le *LayoutError
	if !errors.As(err, &le) || le.Path != "layouts/page.html" || le.Line != 3 || !strings.Contains(le.Msg, `asset "css/missing.css": no such file in static/`) {
		t.Errorf("err = %v", err)
	}
}

func TestAssetIsFingerprinted(t *testing.T) {
	v := &View{assets: NewAssets(map[string]Asset{"/css/site.css": {URL: "/css/site.0a1b2c3d.css"}})}
	if got, err := v.Asset("css/site.css"); err != nil || got != "/css/site.0a1b2c3d.css" {
		t.Errorf("Asset = %q, %v", got, err)
	}
}
