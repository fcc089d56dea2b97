package migrate

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func jekyll(t *testing.T, files map[string]string) *Result {
	t.Helper()
	r, err := Jekyll(site(files), Options{Now: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestJekyllPosts(t *testing.T) {
	r := jekyll(t, map[string]string{
		"_config.yml": "title: My Blog\nurl: https://me.github.io\nbaseurl: /blog\nlang: fr_FR\ntimezone: Europe/Paris\nauthor:\n  name: Me\n",
		// A date with an offset, categories as text (two of them), tags,
		// an excerpt, a title with a colon, redirect_from.
		"_posts/2019-05-03-Hello World.markdown": `---
layout: post
title: "Hello: World"
date: 2019-05-03 23:30:00 +0000
categories: web dev
tags: [Go]
excerpt: >
  The first
  post.
redirect_from: /old-hello/
last_modified_at: 2019-06-01 10:00:00 +0200
lang: fr
---
Hi.
`,
		// No title, no front-matter date: both from the file name; a
		// category folder; a local time in the site's time zone.
		"blog/_posts/2020-1-2-second-post.md": "---\nauthor: [Ann, {name: Bob}]\n---\nTwo.\n",
		"_posts/2020-02-03-third.md":          "---\ntitle: Third\ndate: 2020-02-03 08:00:00\npublished: false\nlang: zh_CN\n---\n",
		"_posts/notes.md":                     "---\ntitle: Not a post: no date in the name\n---\n",
		"_posts/2020-02-04-plain.md":          "No front matter.\n",
		"_drafts/idea.md":                     "---\ntitle: Idea\n---\nSoon.\n",
		"about.md":                            "---\ntitle: About\npermalink: /about/\n---\nMe.\n",
		"index.md":                            "---\nlayout: home\n---\n",
		"archive.html":                        "---\nlayout: archive\n---\n{% for p in site.posts %}{% endfor %}\n",
		"README.md":                           "Plain file, no front matter.\n",
	})
	for path, want := range map[string]string{
		"content/articles/hello-world.md": `---
title: "Hello: World"
date: 2019-05-03T23:30:00Z
updated: 2019-06-01T10:00:00+02:00
summary: "The first post."
topics: ["web", "dev", "Go"]
aliases:
  - "/blog/old-hello/"
  - "/blog/web/dev/2019/05/04/Hello-World.html"
---

Hi.
`,
		"content/articles/second-post.md": `---
title: "Second Post"
date: 2020-01-02
author: ["Ann", "Bob"]
aliases:
  - "/blog/blog/2020/01/02/second-post.html"
---

Two.
`,
		"content/articles/third.md": `---
title: "Third"
date: 2020-02-03T08:00:00+01:00
language: "zh-CN"
draft: true
---

`,
		"content/articles/idea.md": `---
title: "Idea"
date: 2025-03-01
draft: true
---

Soon.
`,
		"content/about.md": `---
title: "About"
aliases:
  - "/blog/about/"
---

Me.
`,
	} {
		if got := file(t, r, path); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", path, got, want)
		}
	}
	if r.Articles != 4 || r.Pages != 1 {
		t.Errorf("%d articles and %d pages, want 4 and 1", r.Articles, r.Pages)
	}
	site := file(t, r, "content/site.yaml")
	for _, want := range []string{`title: "My Blog"`, `base_url: "https://me.github.io/"`, `language: "fr-FR"`, `name: "Me"`} {
		if !strings.Contains(site, want) {
			t.Errorf("site.yaml lacks %s:\n%s", want, site)
		}
	}
	all := ""
	for _, n := range r.Notes {
		all += n.Level.String() + " " + n.String() + "\n"
	}
	for _, want := range []string{
		"warning _posts/2020-02-04-plain.md: no front matter, so Jekyll published it as a plain file: not imported",
		"info index.md: the home page: not imported",
		"info archive.html: an HTML page with Liquid",
		"info content/site.yaml: the old site lived under /blog/",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("notes lack %q:\n%s", want, all)
		}
	}
}

func TestJekyllPermalinks(t *testing.T) {
	post := "---\ntitle: A Post\ndate: 2019-02-05 10:00:00 +0000\ncategories: [News, Big Deal]\n---\n"
	for _, tc := range []struct {
		config string
		file   string
		text   string
		want   string
	}{
		{"", "_posts/2019-02-05-a-post.md", post, "/news/big%20deal/2019/02/05/a-post.html"},
		{"permalink: pretty", "_posts/2019-02-05-a-post.md", post, "/news/big%20deal/2019/02/05/a-post/"},
		{"permalink: none", "_posts/2019-02-05-a-post.md", post, "/news/big%20deal/a-post.html"},
		{"permalink: ordinal", "_posts/2019-02-05-a-post.md", post, "/news/big%20deal/2019/036/a-post.html"},
		{"permalink: weekdate", "_posts/2019-02-05-a-post.md", post, "/news/big%20deal/2019/W06/Tue/a-post.html"},
		{"permalink: /:year/:i_month/:slugified_categories/:slug/", "_posts/2019-02-05-A Post!.md", post, "/2019/2/news/big-deal/a-post/"},
		{"permalink: /:title:output_ext", "_posts/2019-02-05-A Post!.md", post, "/A-Post!.html"},
		{"", "_posts/2019-02-05-a-post.md", "---\ntitle: X\nslug: Other One\npermalink: /custom/:title/\n---\n", "/custom/Other-One/"},
		{"collections:\n  recipes:\n    output: true\npermalink: /:title/", "_recipes/soup/tomato.md", "---\ntitle: Soup\n---\nText.\n", "/recipes/soup/tomato/"},
		{"collections:\n  recipes:\n    output: true\n    permalink: /r/:name:output_ext", "_recipes/tomato.md", "---\ntitle: Soup\n---\nText.\n", "/r/tomato.html"},
		{"permalink: pretty", "docs/guide.md", "---\ntitle: Guide\n---\nText.\n", "/docs/guide/"},
		{"", "docs/guide.md", "---\ntitle: Guide\n---\nText.\n", "/docs/guide.html"},
		{"", "docs/index.md", "---\ntitle: Docs\n---\nText.\n", ""}, // the same URL in folio: no alias
		{"defaults:\n  - scope: {path: '', type: posts}\n    values: {permalink: '/d/:title/'}", "_posts/2019-02-05-a-post.md", post, "/d/a-post/"},
	} {
		r := jekyll(t, map[string]string{"_config.yml": tc.config, tc.file: tc.text})
		var got string
		for _, f := range r.Files {
			if strings.HasSuffix(f.Path, ".md") {
				_, after, _ := strings.Cut(string(f.Data), "aliases:\n  - \"")
				got, _, _ = strings.Cut(after, "\"")
			}
		}
		if got != tc.want {
			t.Errorf("%q, %s: URL %q, want %q", tc.config, tc.file, got, tc.want)
		}
	}
}

// convertedJekyll imports a Jekyll site whose post has body (its front
// matter is three lines, so the body starts at line 4), and returns the new
// file's body and the notes left for the writer.
func convertedJekyll(t *testing.T, body string, extra map[string]string) (string, []string) {
	t.Helper()
	files := map[string]string{
		"_config.yml":                 "baseurl: /b\nurl: https://x.org\ntitle: Site\nauthor: {name: Me}\n",
		"_posts/2020-01-01-p.md":      "---\ntitle: P\n---\n" + body,
		"_posts/2019-05-03-target.md": "---\ntitle: T\n---\n",
		"about.md":                    "---\ntitle: About\n---\nMe.\n",
		"assets/a.png":                "png",
	}
	for k, v := range extra {
		files[k] = v
	}
	r := jekyll(t, files)
	got := file(t, r, "content/articles/p.md")
	_, text, _ := strings.Cut(got, "\n---\n\n")
	return text, notes(r, Left)
}

func TestLiquid(t *testing.T) {
	// The new front matter is 6 lines and a blank one: the body starts at 8.
	for _, tc := range []struct {
		name, in, want string
		extra          map[string]string
		left           []string
	}{
		{
			name: "highlight becomes a fenced block; Liquid inside it is converted too",
			in:   "Code:\n{% highlight ruby linenos %}\ndef x; \"{{ site.title }}\"; end\n{% endhighlight %}\n",
			want: "Code:\n```ruby\ndef x; \"Site\"; end\n```\n",
		},
		{
			name: "raw is written as text, comments vanish",
			in:   "{% raw %}{{ not liquid }} {% if %}{% endraw %}{% comment %}hidden {{ x }}{% endcomment %}\n",
			want: "{{ not liquid }} {% if %}\n",
		},
		{
			name: "links to posts and pages become the new URLs; the base URL goes",
			in:   "[t]({% post_url 2019-05-03-target %}) [a]({{ site.baseurl }}{% link about.md %}) ![i]({{ \"/assets/a.png\" | relative_url }}) ![j]({{ site.url }}{{ site.baseurl }}/assets/a.png) {{ page.title }} by {{ site.author.name }}\n",
			want: "[t](/articles/target/) [a](/about/) ![i](/assets/a.png) ![j](/assets/a.png) P by Me\n",
		},
		{
			name:  "includes: toc goes, a theme's figure and video, Markdown with parameters",
			in:    "{% include toc %}\n{% include figure image_path=\"/assets/a.png\" alt=\"A\" caption=\"Cap\" %}\n{% include video id=\"XYZ\" provider=\"youtube\" %}\n{% include note.md text=\"Be kind\" %}\n",
			extra: map[string]string{"_includes/note.md": "> **Note:** {{ include.text }}\n"},
			want:  "![A](/assets/a.png)\\\n*Cap*\n<https://www.youtube.com/watch?v=XYZ>\n> **Note:** Be kind\n",
		},
		{
			name:  "what cannot be converted is left and reported at its line",
			in:    "Intro\n\n{% assign x = 1 %}\n{% if x %}yes{% endif %}\n{{ x | upcase }}\n{% include card.html %}\n{% include banner.html %}\n",
			extra: map[string]string{"_includes/card.html": "<div>{{ include.x }}</div>", "_includes/banner.html": "<div class=\"banner\"><img src=\"/assets/a.png\" alt=\"A\"></div>\n"},
			want:  "Intro\n\n{% assign x = 1 %}\n{% if x %}yes{% endif %}\n{{ x | upcase }}\n{% include card.html %}\n<div class=\"banner\"><img src=\"/assets/a.png\" alt=\"A\"></div>\n",
			left: []string{
				"content/articles/p.md:10: Liquid tag {% assign x = 1 %} left as text (from _posts/2020-01-01-p.md:6)",
				"content/articles/p.md:11: Liquid tag {% if x %} left as text (from _posts/2020-01-01-p.md:7)",
				"content/articles/p.md:12: Liquid output {{ x | upcase }} left as text (from _posts/2020-01-01-p.md:8)",
				"content/articles/p.md:13: Liquid tag {% include card.html %} left as text (from _posts/2020-01-01-p.md:9)",
			},
		},
		{
			name: "gists, videos and Octopress images",
			in:   "{% gist parkr/931c1c8d465a04042403 jekyll-private-gist.markdown %}\n{% youtube abc %}\n{% img left /assets/a.png 100 200 \"Title\" \"Alt text\" %}\n",
			want: "<https://gist.github.com/parkr/931c1c8d465a04042403#file-jekyll-private-gist-markdown>\n<https://www.youtube.com/watch?v=abc>\n![Alt text](/assets/a.png)\n",
		},
		{
			name: "kramdown: the toc marker and attribute lists go, heading ids stay",
			in:   "* TOC\n{:toc}\n\n## Start {#start}\n\nA [link](http://x.org){:target=\"_blank\"} and `{:x}`.\n{: .notice}\n\n```\n{: .kept}\n```\n{::comment}\nhidden\n{:/comment}\nEnd.\n",
			want: "## Start {#start}\n> [!NOTE]\n> A [link](http://x.org) and `{:x}`.\n\n\n```\n{: .kept}\n```\n\n\n\nEnd.\n",
		},
		{
			name: "kramdown: Minimal Mistakes' notices become callouts, line for line; other attribute lists go",
			in:   "Intro.\n\n**Careful:** this\nbreaks things.\n{: .notice--warning}\n\n![a](/assets/a.png)\n{: .align-center}\n",
			want: "Intro.\n> [!WARNING]\n> **Careful:** this\n> breaks things.\n\n\n![a](/assets/a.png)\n\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, left := convertedJekyll(t, tc.in, tc.extra)
			if got != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tc.want)
			}
			if !reflect.DeepEqual(left, tc.left) {
				t.Errorf("left:\n%s\nwant:\n%s", strings.Join(left, "\n"), strings.Join(tc.left, "\n"))
			}
		})
	}
}

// TestKramdownNotes: each attribute list is reported at its line of the new
// file, converted or dropped.
func TestKramdownNotes(t *testing.T) {
	files := map[string]string{
		"_config.yml":            "title: Site\nmarkdown: kramdown\n",
		"_posts/2020-01-01-p.md": "---\ntitle: P\n---\nIntro.\n\nMind this.\n{: .notice--danger}\n\n![a](/a.png)\n{: .align-center}\n",
	}
	r := jekyll(t, files)
	text := file(t, r, "content/articles/p.md")
	lines := strings.Split(text, "\n")
	var got []string
	for _, n := range r.Notes {
		if n.Path == "content/articles/p.md" && strings.Contains(n.Msg, "kramdown") {
			got = append(got, n.String())
			if n.Line < 1 || n.Line > len(lines) || lines[n.Line-1] != "" {
				t.Errorf("note at line %d, which is %q, want the attribute list's emptied line:\n%s", n.Line, lines[max(n.Line-1, 0)], text)
			}
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], "made the paragraph above a callout ([!CAUTION])") || !strings.Contains(got[1], "{: .align-center} dropped") {
		t.Errorf("notes:\n%s", strings.Join(got, "\n"))
	}
	if !strings.Contains(text, "> [!CAUTION]\n> Mind this.\n") {
		t.Errorf("no callout:\n%s", text)
	}
}

func TestJekyllListLinks(t *testing.T) {
	got, _ := convertedJekyll(t, "[a](/tags/go/) [b](/categories/Web%20Dev) [c](/en/tags/#go) [d](/tags/) [e](/archive/) [f](/tags/none/)\n", map[string]string{
		"_posts/2019-01-01-go.md": "---\ntitle: G\ntags: [Go, Web Dev]\n---\n",
	})
	if want := "[a](/topics/go/) [b](/topics/web-dev/) [c](/topics/go/) [d](/topics/) [e](/) [f](/tags/none/)\n"; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
