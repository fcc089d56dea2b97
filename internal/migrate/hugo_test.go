package migrate

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// site builds an in-memory site from path → text.
func site(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for p, s := range files {
		fs[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return fs
}

// file returns the text of a file of the result, failing when it is missing.
func file(t *testing.T, r *Result, p string) string {
	t.Helper()
	for _, f := range r.Files {
		if f.Path == p {
			return string(f.Data)
		}
	}
	var have []string
	for _, f := range r.Files {
		have = append(have, f.Path)
	}
	t.Fatalf("no %s among %s", p, strings.Join(have, ", "))
	return ""
}

// copied returns the old file a new file is copied from, or "".
func copied(r *Result, p string) string {
	for _, f := range r.Files {
		if f.Path == p {
			return f.Src
		}
	}
	return ""
}

// notes returns the notes of a level as strings.
func notes(r *Result, l Level) []string {
	var out []string
	for _, n := range r.Notes {
		if n.Level == l {
			out = append(out, n.String())
		}
	}
	return out
}

func hugo(t *testing.T, files map[string]string) *Result {
	t.Helper()
	r, err := Hugo(site(files), Options{Now: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestHugoFrontMatter(t *testing.T) {
	r := hugo(t, map[string]string{
		"hugo.toml": "baseURL = 'https://blog.example.com/'\ntitle = 'Notes'\nlanguageCode = 'de-de'\n[params]\ndescription = 'Ein Blog'\nauthor = 'Ada'\n",
		// TOML, with a date with an offset, lastmod, tags and categories, an author list.
		"content/posts/First Post.md": `+++
title = "Erster Beitrag"
date = 2019-05-03T09:02:02+02:00
lastmod = 2019-06-01
tags = ["Go", "go", "Web"]
categories = ["Notes"]
description = "What the first post says."
authors = ["Ada", "Grace"]
toc = true
+++
Hello.
`,
		// YAML, keys in capitals, a TOML-less draft, a series list.
		"content/posts/second.md": "---\nTitle: Second\nDate: 2019-05-04\ndraft: true\nseries: [Basics, Extra]\ncover:\n  image: /img/c.png\n  alt: A cover\n---\nBody.\n",
		"static/img/c.png":        "png",
		// JSON front matter.
		"content/posts/third.md": "{\n  \"title\": \"Third\",\n  \"date\": \"2019-05-05 10:00:00\",\n  \"summary\": \"Short.\"\n}\n\nText.\n",
		// lastmod equal to date says nothing new.
		"content/posts/fourth.md": "---\ntitle: Fourth\ndate: 2020-01-01\nlastmod: 2020-01-01\n---\nText.\n",
	})
	for path, want := range map[string]string{
		"content/articles/first-post.md": `---
title: "Erster Beitrag"
date: 2019-05-03T09:02:02+02:00
updated: 2019-06-01
summary: "What the first post says."
author: ["Ada", "Grace"]
topics: ["Notes", "Go", "Web"]
aliases:
  - "/posts/first-post/"
---

Hello.
`,
		"content/articles/second.md": `---
title: "Second"
date: 2019-05-04
series: "Basics"
draft: true
image: "/img/c.png"
image_alt: "A cover"
---

Body.
`,
		"content/articles/third.md": `---
title: "Third"
date: 2019-05-05T10:00:00
summary: "Short."
aliases:
  - "/posts/third/"
---

Text.
`,
		"content/articles/fourth.md": `---
title: "Fourth"
date: 2020-01-01
aliases:
  - "/posts/fourth/"
---

Text.
`,
	} {
		if got := file(t, r, path); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", path, got, want)
		}
	}
	if got := copied(r, "static/img/c.png"); got != "static/img/c.png" {
		t.Errorf("the cover image is copied from %q", got)
	}
	if got, want := file(t, r, "content/site.yaml"), `title: "Notes"
base_url: "https://blog.example.com/"
language: "de-DE"
description: "Ein Blog"
author:
  name: "Ada"
`; !strings.HasSuffix(got, want) {
		t.Errorf("site.yaml:\n%s\nwant it to end with:\n%s", got, want)
	}
	warned := strings.Join(notes(r, Warning), "\n")
	if !strings.Contains(warned, `content/articles/second.md: series: folio puts an article in one series; "Basics" kept, Extra left out (from content/posts/second.md)`) {
		t.Errorf("warnings lack the second series:\n%s", warned)
	}
	if info := strings.Join(notes(r, Info), "\n"); !strings.Contains(info, "toc (1)") {
		t.Errorf("the report does not say toc was dropped:\n%s", info)
	}
}

func TestHugoURLs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		config string
		files  map[string]string
		want   map[string]string // new file → its first alias ("" for none)
	}{
		{
			name:   "default: folder and file name, lower-cased",
			config: "baseURL = 'https://example.com/'",
			files: map[string]string{
				"content/posts/Hello World.md":   "---\ntitle: Hi\ndate: 2020-01-02\n---\n",
				"content/posts/2019/05/notes.md": "---\ntitle: N\ndate: 2019-05-01\n---\n",
				"content/posts/2020/06/notes.md": "---\ntitle: N\ndate: 2020-06-01\n---\n",
				"content/posts/slugged.md":       "---\ntitle: S\ndate: 2020-01-02\nslug: My Slug\n---\n",
				"content/posts/moved.md":         "---\ntitle: M\ndate: 2020-01-02\nurl: /old/place/\naliases: [/older/]\n---\n",
				"content/about.md":               "---\ntitle: About\n---\nMe.\n",
				"content/posts/a  b & c .md":     "---\ntitle: ABC\ndate: 2020-01-02\n---\n",
				"content/posts/dash-.md":         "---\ntitle: D\ndate: 2020-01-02\nURL: /old/d\n---\n",
			},
			want: map[string]string{
				"content/articles/hello-world.md":   "/posts/hello-world/",
				"content/articles/2019-05-notes.md": "/posts/2019/05/notes/",
				"content/articles/2020-06-notes.md": "/posts/2020/06/notes/",
				"content/articles/my-slug.md":       "/posts/my-slug/",
				"content/articles/moved.md":         "/old/place/",
				"content/about.md":                  "",
				// As hugo 0.111 lists them (hugo list all).
				"content/articles/a-b-c.md": "/posts/a-b-c-/",
				"content/articles/dash.md":  "/old/d/",
			},
		},
		{
			name:   "permalinks with title, dates and removePathAccents; a site under a path",
			config: "baseURL = 'https://example.com/blog/'\nremovePathAccents = true\n[permalinks]\nposts = '/:year/:month/:day/:slug'\nnotes = '/:section/:filename/'",
			files: map[string]string{
				"content/posts/2019/2019-06-12-reprenons.md": "---\ntitle: Reprenons sérieusement\ndate: 2019-06-12T10:00:00+02:00\n---\n",
				"content/notes/Déjà vu.md":                   "---\ntitle: N\ndate: 2019-05-01\n---\n",
			},
			want: map[string]string{
				"content/articles/reprenons.md": "/blog/2019/06/12/reprenons-serieusement/",
				"content/articles/déjà-vu.md":   "/blog/notes/deja-vu/",
			},
		},
		{
			name:   "ugly URLs, a page bundle, a section with an _index",
			config: "uglyURLs = true\n[permalinks.page]\nposts = '/:sections/:title/'",
			files: map[string]string{
				"content/posts/_index.md":           "---\ntitle: Posts\n---\n",
				"content/posts/go/_index.md":        "---\ntitle: Go\n---\n",
				"content/posts/go/bundle/index.md":  "---\ntitle: A Bundle\ndate: 2020-01-01\n---\n![x](pic.png)\n",
				"content/posts/go/bundle/pic.png":   "png",
				"content/posts/go/bundle/data/a.go": "package a",
			},
			want: map[string]string{
				"content/articles/bundle/index.md": "/posts/go/a-bundle.html",
			},
		},
		{
			name:   "the language imported, in its own folder, with its prefix",
			config: "defaultContentLanguage = 'fr'\ndefaultContentLanguageInSubdir = true\n[languages.fr]\ncontentDir = 'content/fr'\n[languages.en]\ncontentDir = 'content/en'",
			files: map[string]string{
				"content/fr/posts/bonjour.md":  "---\ntitle: Bonjour\ndate: 2020-01-01\n---\n",
				"content/en/posts/hello.md":    "---\ntitle: Hello\ndate: 2020-01-01\n---\n",
				"content/fr/posts/salut.en.md": "---\ntitle: Hi\ndate: 2020-01-01\n---\n",
			},
			want: map[string]string{
				"content/articles/bonjour.md": "/fr/posts/bonjour/",
				// Every language is imported: the others with theirs.
				"content/articles/hello-en.md": "/en/posts/hello/",
				"content/articles/salut-en.md": "/en/posts/salut/",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"hugo.toml": tc.config}
			for k, v := range tc.files {
				files[k] = v
			}
			r := hugo(t, files)
			var pages []string
			for _, f := range r.Files {
				if strings.HasSuffix(f.Path, ".md") {
					pages = append(pages, f.Path)
				}
			}
			if len(pages) != len(tc.want) {
				t.Errorf("pages %v, want %d", pages, len(tc.want))
			}
			for p, alias := range tc.want {
				got := file(t, r, p)
				switch {
				case alias == "" && strings.Contains(got, "aliases:"):
					t.Errorf("%s has aliases:\n%s", p, got)
				case alias != "" && !strings.Contains(got, "aliases:\n  - \""+alias+"\"\n"):
					t.Errorf("%s: want alias %s:\n%s", p, alias, got)
				}
			}
		})
	}
}

func TestHugoBundleAndLinks(t *testing.T) {
	r := hugo(t, map[string]string{
		"config.yaml": "baseURL: https://example.com/\n",
		"content/posts/trip/index.md": `---
title: Trip
date: 2020-01-01
---
![photo](photo.jpg)
See [the other post](/posts/other/#part), [again](https://example.com/posts/other/),
[by file](../other.md), [a download](/files/a.pdf) and [elsewhere](https://example.org/posts/other/).

[ref]: /posts/other/
`,
		"content/posts/trip/photo.jpg":    "jpg",
		"content/posts/other.md":          "---\ntitle: Other\ndate: 2020-01-02\n---\n![](images/x.png) `[code](/posts/other/)`\n",
		"static/files/a.pdf":              "pdf",
		"static/posts/other/images/x.png": "png",
		"static/unused.png":               "png",
	})
	got := file(t, r, "content/articles/trip/index.md")
	for _, want := range []string{
		"![photo](photo.jpg)",
		"[the other post](/articles/other/#part)",
		"[again](/articles/other/)",
		"[by file](/articles/other/)",
		"[a download](/files/a.pdf)",
		"[elsewhere](https://example.org/posts/other/)",
		"[ref]: /articles/other/",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("trip lacks %s:\n%s", want, got)
		}
	}
	other := file(t, r, "content/articles/other.md")
	if !strings.Contains(other, "![](/posts/other/images/x.png) `[code](/posts/other/)`") {
		t.Errorf("a relative image of a page that moved must point where the file is; code is left alone:\n%s", other)
	}
	for dst, src := range map[string]string{
		"content/articles/trip/photo.jpg": "content/posts/trip/photo.jpg",
		"static/files/a.pdf":              "static/files/a.pdf",
		"static/posts/other/images/x.png": "static/posts/other/images/x.png",
	} {
		if got := copied(r, dst); got != src {
			t.Errorf("%s copied from %q, want %q", dst, got, src)
		}
	}
	if copied(r, "static/unused.png") != "" {
		t.Error("a static file no page links to was copied")
	}
}

func TestHugoSkips(t *testing.T) {
	r := hugo(t, map[string]string{
		"hugo.toml":                     "title = 'x'",
		"content/_index.md":             "---\ntitle: Home\n---\nWelcome text.\n",
		"content/posts/a.md":            "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n",
		"content/posts/hidden.md":       "---\ntitle: H\ndate: 2020-01-01\nheadless: true\n---\n",
		"content/posts/never.md":        "---\ntitle: N\ndate: 2020-01-01\n_build:\n  render: never\n---\n",
		"content/posts/org.org":         "#+TITLE: Org\n",
		"content/search.md":             "---\ntitle: Search\nlayout: search\n---\n",
		"content/posts/broken.md":       "---\ntitle: [unclosed\ndate: 2020-01-01\n---\n",
		"content/posts/nodate.md":       "---\ntitle: Undated\n---\nText.\n",
		"content/posts/idea.md":         "---\ntitle: Idea\ndraft: true\n---\nSoon.\n",
		"content/posts/_index.html":     "---\ntitle: Posts\n---\n<ul></ul>\n",
		"content/posts/open.md":         "---\ntitle: Open\n",
		"content/posts/bundle/index.md": "---\ntitle: B\ndate: 2020-01-01\n---\n",
		"content/posts/bundle/extra.md": "# a resource\n",
	})
	if r.Articles != 3 || r.Pages != 1 {
		t.Errorf("%d articles, %d pages; want 3 and 1 (a, bundle, the draft idea; the undated post)", r.Articles, r.Pages)
	}
	file(t, r, "content/nodate.md")
	if got := file(t, r, "content/articles/idea.md"); !strings.Contains(got, "date: 2025-03-01\ndraft: true\n") {
		t.Errorf("an undated draft is dated today:\n%s", got)
	}
	for _, n := range r.Notes {
		if strings.Contains(n.Path, "_index.html") {
			t.Errorf("a section's HTML list page is reported: %s", n)
		}
	}
	errs := strings.Join(notes(r, Error), "\n")
	for _, want := range []string{
		"content/posts/broken.md:2: front matter cannot be read:",
		"content/posts/open.md:1: front matter is not closed: no --- line after it: not imported",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors lack %q:\n%s", want, errs)
		}
	}
	all := ""
	for _, n := range r.Notes {
		all += n.Level.String() + " " + n.String() + "\n"
	}
	for _, want := range []string{
		"info content/_index.md: the text of a section's list page is not imported",
		"info content/posts/hidden.md: a page Hugo does not publish (headless): not imported",
		"info content/posts/never.md: a page Hugo does not publish",
		"warning content/posts/org.org: not imported: folio reads Markdown, not .org",
		"info content/search.md: a page without text (its layout made it): not imported",
		"warning content/nodate.md: no date: imported as a standalone page",
		"warning content/posts/bundle/extra.md: a Markdown file inside the page bundle",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("notes lack %q:\n%s", want, all)
		}
	}
}

func TestHugoNotASite(t *testing.T) {
	if _, err := Hugo(site(map[string]string{"README.md": "hi"}), Options{}); err == nil || !strings.Contains(err.Error(), "not a Hugo site") {
		t.Errorf("error %v", err)
	}
	_, err := Hugo(site(map[string]string{"hugo.toml": "title = 'x\n", "content/a.md": ""}), Options{})
	if err == nil || !strings.Contains(err.Error(), "read hugo.toml: line 1") {
		t.Errorf("a bad hugo.toml: %v", err)
	}
}

func TestControlCharacters(t *testing.T) {
	r := hugo(t, map[string]string{
		"hugo.toml":          "title = 'x'",
		"content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nback\bspace\x00 and\ttab\n",
	})
	if got := file(t, r, "content/articles/a.md"); !strings.HasSuffix(got, "\n\nbackspace and\ttab\n") {
		t.Errorf("got %q", got)
	}
	if info := strings.Join(notes(r, Info), "\n"); !strings.Contains(info, "content/articles/a.md: 2 invisible control characters (such as U+0008) removed") {
		t.Errorf("info:\n%s", info)
	}
}

// Hugo changed how it makes paths in 0.123: a page whose URL differs between
// the two keeps both as aliases.
func TestHugoLegacyPaths(t *testing.T) {
	r := hugo(t, map[string]string{
		"hugo.toml":             "title = 'x'",
		"content/posts/a--b.md": "---\ntitle: AB\ndate: 2020-01-02\n---\n",
	})
	if got := file(t, r, "content/articles/a-b.md"); !strings.Contains(got, "aliases:\n  - \"/posts/a--b/\"\n  - \"/posts/a-b/\"\n") {
		t.Errorf("aliases:\n%s", got)
	}
}

// TestHugoTranslations: without --language every language is imported; a
// page of another language, named post.fr.md or in its language's own
// content folder, gets its language, its old URL with the language prefix,
// and translation_of naming the page it translates (by path, or by
// translationKey); one without an original stands alone.
func TestHugoTranslations(t *testing.T) {
	for _, layout := range []struct {
		name  string
		files map[string]string
	}{
		{"by file name", map[string]string{
			"hugo.toml":                 "baseURL = 'https://x.example/'\ndefaultContentLanguage = 'en'\n[languages.en]\nlanguageCode = 'en-GB'\n[languages.fr]\nlanguageCode = 'fr-FR'\n",
			"content/posts/hello.md":    "---\ntitle: Hello\ndate: 2020-01-01\n---\nHi.\n",
			"content/posts/hello.fr.md": "---\ntitle: Bonjour\ndate: 2020-01-01\n---\nSalut.\n",
			"content/posts/keyed.md":    "---\ntitle: Keyed\ndate: 2020-01-02\ntranslationKey: k1\n---\nK.\n",
			"content/posts/clef.fr.md":  "---\ntitle: Clef\ndate: 2020-01-02\ntranslationKey: k1\n---\nC.\n",
			"content/posts/seul.fr.md":  "---\ntitle: Seul\ndate: 2020-01-03\n---\nS.\n",
		}},
		{"by content folder", map[string]string{
			"hugo.toml":                 "baseURL = 'https://x.example/'\ndefaultContentLanguage = 'en'\n[languages.en]\nlanguageCode = 'en-GB'\ncontentDir = 'content/en'\n[languages.fr]\nlanguageCode = 'fr-FR'\ncontentDir = 'content/fr'\n",
			"content/en/posts/hello.md": "---\ntitle: Hello\ndate: 2020-01-01\n---\nHi.\n",
			"content/fr/posts/hello.md": "---\ntitle: Bonjour\ndate: 2020-01-01\n---\nSalut.\n",
			"content/en/posts/keyed.md": "---\ntitle: Keyed\ndate: 2020-01-02\ntranslationKey: k1\n---\nK.\n",
			"content/fr/posts/clef.md":  "---\ntitle: Clef\ndate: 2020-01-02\ntranslationKey: k1\n---\nC.\n",
			"content/fr/posts/seul.md":  "---\ntitle: Seul\ndate: 2020-01-03\n---\nS.\n",
		}},
	} {
		t.Run(layout.name, func(t *testing.T) {
			r := hugo(t, layout.files)
			if got := file(t, r, "content/articles/hello.md"); strings.Contains(got, "language:") || strings.Contains(got, "translation_of") {
				t.Errorf("the original names a language or an original:\n%s", got)
			}
			for p, want := range map[string][]string{
				"content/articles/hello-fr.md": {`language: "fr-FR"`, `translation_of: "/articles/hello/"`, `"/fr/posts/hello/"`},
				"content/articles/clef-fr.md":  {`language: "fr-FR"`, `translation_of: "/articles/keyed/"`, `"/fr/posts/clef/"`},
				"content/articles/seul-fr.md":  {`language: "fr-FR"`, `"/fr/posts/seul/"`},
			} {
				got := file(t, r, p)
				for _, w := range want {
					if !strings.Contains(got, w) {
						t.Errorf("%s lacks %s:\n%s", p, w, got)
					}
				}
				if strings.HasSuffix(p, "seul-fr.md") && strings.Contains(got, "translation_of") {
					t.Errorf("%s translates nothing:\n%s", p, got)
				}
			}
			if s := file(t, r, "content/site.yaml"); !strings.Contains(s, `language: "en-GB"`) {
				t.Errorf("site.yaml:\n%s", s)
			}
		})
	}
}

// --language imports another language of a multilingual site, with its
// URL prefix, and counts the pages of the others.
func TestHugoLanguageOption(t *testing.T) {
	r, err := Hugo(site(map[string]string{
		"hugo.toml":                   "defaultContentLanguage = 'fr'\n[languages.fr]\ncontentDir = 'content/fr'\n[languages.en]\ncontentDir = 'content/en'\nlanguageCode = 'en-GB'\ntitle = 'In English'",
		"content/fr/posts/bonjour.md": "---\ntitle: Bonjour\ndate: 2020-01-01\n---\n",
		"content/fr/posts/salut.md":   "---\ntitle: Salut\ndate: 2020-01-01\n---\n",
		"content/en/posts/hello.md":   "---\ntitle: Hello\ndate: 2020-01-01\naliases: [/en/old/, /older/, rel/]\n---\n",
	}), Options{Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	got := file(t, r, "content/articles/hello.md")
	// As hugo 0.111 publishes them: absolute aliases from the site's root,
	// relative ones beside the page.
	if !strings.Contains(got, "aliases:\n  - \"/en/old/\"\n  - \"/en/posts/hello/\"\n  - \"/en/posts/rel/\"\n  - \"/older/\"\n") {
		t.Errorf("hello.md:\n%s", got)
	}
	if s := file(t, r, "content/site.yaml"); !strings.Contains(s, `title: "In English"`) || !strings.Contains(s, `language: "en-GB"`) {
		t.Errorf("site.yaml:\n%s", s)
	}
	if info := strings.Join(notes(r, Info), "\n"); !strings.Contains(info, `2 files in "fr" not imported: folio imports one language at a time (--language fr imports them)`) {
		t.Errorf("info:\n%s", info)
	}
}

// TestTextLanguage: a site whose theme says en-us but whose posts are in
// Chinese, Japanese or Hebrew is imported in that language, with a warning;
// an English site, or a French one, keeps what it says.
func TestTextLanguage(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"这是一篇关于服务网格的文章，讲述了 Istio 的流量管理 (Envoy Gateway Service Mesh)。\n\n```go\nfunc main() { fmt.Println(\"lots of English code words here\") }\n```", "zh"},
		{"これはサービスメッシュについての記事です。Istio の話。", "ja"},
		{"ברוכים הבאים לכנס, המקום בו אפשר לראות שלושה ארועים.", "he"},
		{"An English post about service meshes.", "en-US"},
		{"Un article en français sur les maillages de services.", "en-US"},
	} {
		r := hugo(t, map[string]string{
			"hugo.toml":          "baseURL = 'https://x.example/'\nlanguageCode = 'en-us'\n",
			"content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n" + tc.body + "\n",
			"content/posts/b.md": "---\ntitle: B\ndate: 2020-01-02\n---\n" + tc.body + "\n",
		})
		if s := file(t, r, "content/site.yaml"); !strings.Contains(s, "language: \""+tc.want+"\"\n") {
			t.Errorf("%s: site.yaml:\n%s", tc.want, s)
		}
		warned := strings.Contains(strings.Join(notes(r, Warning), "\n"), "most of its posts' text is in")
		if warned != (tc.want != "en-US") {
			t.Errorf("%s: warned %v:\n%s", tc.want, warned, strings.Join(notes(r, Warning), "\n"))
		}
	}
}
