package migrate

import (
	"reflect"
	"strings"
	"testing"
)

// converted imports a Hugo site whose post content/posts/p.md has body (its
// front matter is four lines, so the body starts at line 5), and returns
// the new file's body and the notes left for the writer.
func convertedHugo(t *testing.T, body string, config string) (string, []string) {
	t.Helper()
	r := hugo(t, map[string]string{
		"hugo.toml":                     config,
		"content/posts/p.md":            "---\ntitle: P\ndate: 2020-01-01\n---\n" + body,
		"content/posts/target.md":       "---\ntitle: T\ndate: 2020-01-02\n---\n",
		"content/posts/b/index.md":      "---\ntitle: B\ndate: 2020-01-03\nslug: bee\n---\n",
		"content/posts/Mixed-Case.md":   "---\ntitle: M\ndate: 2020-01-04\n---\n",
		"layouts/shortcodes/aside.html": "{{ .Inner }}",
	})
	got := file(t, r, "content/articles/p.md")
	_, text, _ := strings.Cut(got, "\n---\n\n")
	return text, notes(r, Left)
}

func TestHugoShortcodes(t *testing.T) {
	// The new file's front matter is 6 lines (---, title, date, aliases: and
	// its item, ---) and a blank line: the body starts at line 8.
	for _, tc := range []struct {
		name, in, want string
		left           []string
	}{
		{
			name: "figure with caption and link",
			in:   "{{< figure src=\"/img/a.png\" alt=\"An A\" caption=\"The *first* letter\" link=\"https://example.org/\" >}}\n",
			want: "[![An A](/img/a.png)](https://example.org/)\\\n*The *first* letter*\n",
		},
		{
			name: "figure without alt takes the title",
			in:   "{{< figure src=\"a b.png\" title=\"Title\" >}}\n",
			want: "![Title](a%20b.png)\\\n*Title*\n",
		},
		{
			name: "videos, tweets and gists become links on their own line",
			in:   "{{< youtube w7Ft2ymGmfc >}}\n{{< youtube id=\"abc\" autoplay=\"true\" >}}\n{{< vimeo 146022717 >}}\n{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n{{< gist spf13 7896402 \"img.html\" >}}\n{{< instagram BWNjjyYFxVx >}}\n",
			want: "<https://www.youtube.com/watch?v=w7Ft2ymGmfc>\n<https://www.youtube.com/watch?v=abc>\n<https://vimeo.com/146022717>\n<https://twitter.com/SanDiegoZoo/status/1453110110599868418>\n<https://gist.github.com/spf13/7896402#file-img-html>\n<https://www.instagram.com/p/BWNjjyYFxVx/>\n",
		},
		{
			name: "highlight becomes a fenced block",
			in:   "Code:\n{{< highlight go \"linenos=table,hl_lines=2\" >}}\nfunc main() {\n\tprintln(\"```\")\n}\n{{< /highlight >}}\nAfter.\n",
			want: "Code:\n````go\nfunc main() {\n\tprintln(\"```\")\n}\n````\nAfter.\n",
		},
		{
			name: "ref and relref become the new URLs",
			in:   "[T]({{< ref \"target.md\" >}}), [B]({{< relref \"/posts/b\" >}}), [part]({{< ref \"target#part\" >}}), [here]({{< ref \"#top\" >}})\n",
			want: "[T](/articles/target/), [B](/articles/bee/), [part](/articles/target/#part), [here](#top)\n",
		},
		{
			name: "ref ignores case and ./, as Hugo's lookup does",
			in:   "[M]({{< ref \"/posts/mixed-case.md\" >}}) [T]({{< relref \"./target.md\" >}})\n",
			want: "[M](/articles/mixed-case/) [T](/articles/target/)\n",
		},
		{
			name: "a ref to no page is left",
			in:   "Text\n\n[x]({{< ref \"missing.md\" >}})\n",
			want: "Text\n\n[x]({{< ref \"missing.md\" >}})\n",
			left: []string{`content/articles/p.md:10: shortcode {{< ref "missing.md" >}} left as text (from content/posts/p.md:7)`},
		},
		{
			name: "raw HTML shortcodes pass their HTML",
			in:   "{{< rawhtml >}}<div class=\"x\">hi</div>{{< /rawhtml >}}\n",
			want: "<div class=\"x\">hi</div>\n",
		},
		{
			name: "an escaped shortcode is written as text",
			in:   "Write `{{</* figure src=\"x\" */>}}` and {{%/* note */%}}.\n",
			want: "Write `{{< figure src=\"x\" >}}` and {{% note %}}.\n",
		},
		{
			name: "a custom shortcode is left, with its template named, and its inner text converted",
			in:   "One\n{{% aside title=\"Hi\" %}}\nSee {{< ref \"target.md\" >}}.\n{{% /aside %}}\n{{< custom 1 >}}\n",
			want: "One\n{{% aside title=\"Hi\" %}}\nSee /articles/target/.\n{{% /aside %}}\n{{< custom 1 >}}\n",
			left: []string{
				`content/articles/p.md:9: shortcode {{% aside title="Hi" %}} left as text; its template is layouts/shortcodes/aside.html (from content/posts/p.md:6)`,
				`content/articles/p.md:12: shortcode {{< custom 1 >}} left as text (from content/posts/p.md:9)`,
			},
		},
		{
			name: "param reads the page's front matter",
			in:   "Title: {{< param title >}}, {{< param \"nope\" >}}\n",
			want: "Title: P, {{< param \"nope\" >}}\n",
			left: []string{`content/articles/p.md:8: shortcode {{< param "nope" >}} left as text (from content/posts/p.md:5)`},
		},
		{
			name: "a theme's note box becomes a callout, its inner text converted",
			in:   "Before\n{{% notice warning title=\"Careful\" %}}\nSee {{< ref \"target.md\" >}}.\n\n{{< custom >}}\n{{% /notice %}}\n{{< tip >}}Short.{{< /tip >}} After.\n",
			want: "Before\n> [!WARNING]\n> **Careful**\n> See /articles/target/.\n> \n> {{< custom >}}\n\n> [!TIP]\n> Short.\n\n After.\n",
			left: []string{`content/articles/p.md:13: shortcode {{< custom >}} left as text (from content/posts/p.md:9)`},
		},
		{
			name: "ERB is reported outside code",
			in:   "Hi <%= name %>.\n`<%= code %>`\n```\n<% also code %>\n```\n",
			want: "Hi <%= name %>.\n`<%= code %>`\n```\n<% also code %>\n```\n",
			left: []string{`content/articles/p.md:8: ERB tag <%= name %> left as text (from content/posts/p.md)`},
		},
		{
			name: "the summary divider goes; a lone closing tag is reported",
			in:   "Intro.\n<!--more-->\nRest {{< /x >}}\n",
			want: "Intro.\n\nRest {{< /x >}}\n",
			left: []string{`content/articles/p.md:10: closing tag {{< /x >}} without its opening tag (from content/posts/p.md:7)`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, left := convertedHugo(t, tc.in, "title = 'x'")
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if !reflect.DeepEqual(left, tc.left) {
				t.Errorf("left:\n%s\nwant:\n%s", strings.Join(left, "\n"), strings.Join(tc.left, "\n"))
			}
		})
	}
}

func TestHugoBlockAttributes(t *testing.T) {
	in := "![x](/a.png)\n{.center}\n\nPara\n{#keep .x}\n```\n{.code}\n```\n"
	got, _ := convertedHugo(t, in, "[markup.goldmark.parser.attribute]\nblock = true")
	if want := "![x](/a.png)\n\n\nPara\n{#keep .x}\n```\n{.code}\n```\n"; got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
	got, _ = convertedHugo(t, in, "title = 'off'")
	if got != in {
		t.Errorf("without block attributes on, the text must stay:\n%q", got)
	}
}

func TestTokenize(t *testing.T) {
	got := tokenize(`figure src="a \"b\".png" alt=` + "`raw \"q\"`" + ` 3 x=y`)
	want := []token{{"", "figure"}, {"src", `a "b".png`}, {"alt", `raw "q"`}, {"", "3"}, {"x", "y"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// From a page bundle, a relative ref names a page beside the bundle.
func TestRefFromBundle(t *testing.T) {
	r := hugo(t, map[string]string{
		"hugo.toml":                      "title = 'x'",
		"content/typst/0-bookmark.md":    "---\ntitle: Bookmarks\ndate: 2020-01-01\n---\n",
		"content/typst/3-intro/index.md": "---\ntitle: Intro\ndate: 2020-01-02\n---\n[b]({{< relref \"./0-bookmark.md\" >}})\n",
	})
	if got := file(t, r, "content/articles/3-intro/index.md"); !strings.Contains(got, "[b](/articles/0-bookmark/)") {
		t.Errorf("got:\n%s", got)
	}
}
