package markdown

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"

	"github.com/peeplcoach/folio/internal/corpus"
	"github.com/peeplcoach/folio/internal/i18n"
)

// syntaxCSSPath is the bundled site's copy of SyntaxCSS.
var syntaxCSSPath = filepath.Join("..", "..", "static", "css", "syntax.css")

// TestSyntaxCSS keeps static/css/syntax.css equal to what SyntaxCSS makes
// (-update rewrites it) and checks that every colour in it is readable on its
// theme's background: 4.5:1 at least, as accessibility checkers ask.
func TestSyntaxCSS(t *testing.T) {
	css := SyntaxCSS()
	if *update {
		if err := os.WriteFile(syntaxCSSPath, []byte(css), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file, err := os.ReadFile(syntaxCSSPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != css {
		t.Errorf("%s is not what SyntaxCSS makes: run go test ./internal/markdown -run SyntaxCSS -update", syntaxCSSPath)
	}
	light, dark, ok := strings.Cut(css, "@media (prefers-color-scheme: dark)")
	if !ok {
		t.Fatal("no dark theme")
	}
	bgRe := regexp.MustCompile(`pre\.chroma \{ background: #([0-9a-f]{6}); color: #([0-9a-f]{6})`)
	colourRe := regexp.MustCompile(`color: #([0-9a-f]{6})`)
	for name, theme := range map[string]string{"light": light, "dark": dark} {
		m := bgRe.FindStringSubmatch(theme)
		if m == nil {
			t.Fatalf("%s theme: no background", name)
		}
		bg := hexColour(t, m[1])
		colours := colourRe.FindAllStringSubmatch(theme, -1)
		if len(colours) < 10 {
			t.Errorf("%s theme: only %d colours", name, len(colours))
		}
		for _, c := range colours {
			if r := contrast(hexColour(t, c[1]), bg); r < minContrast {
				t.Errorf("%s theme: #%s on #%s has contrast %.2f, want ≥ %.1f", name, c[1], m[1], r, minContrast)
			}
		}
	}
	if strings.Contains(css, "style=") {
		t.Error("inline style in the stylesheet's comments or rules")
	}
}

func hexColour(t *testing.T, s string) chroma.Colour {
	t.Helper()
	c := chroma.ParseColour("#" + s)
	if !c.IsSet() {
		t.Fatalf("bad colour %s", s)
	}
	return c
}

// codeSample is three fenced blocks of the kinds a leadership article might
// show: a little Go, a YAML snippet and a shell line.
func codeSample(lang [3]string) string {
	return "\n```" + lang[0] + `
// Package trust scores one-to-one meetings.
package trust

import "time"

type Meeting struct {
	When  time.Time
	Notes []string
}

func (m Meeting) Late(now time.Time) bool {
	return now.Sub(m.When) > 15*time.Minute // a quarter of an hour
}
` + "```\n\n```" + lang[1] + `
title: "7 Tips to Get Your Manager to Trust You"
date: 2025-03-14T09:00:00Z
topics: [Trust, Managing Up]
checklist:
  intro: "Work through these before your next one-to-one."
` + "```\n\n```" + lang[2] + `
folio snippets --article get-your-manager-to-trust-you --format csv > posts.csv
` + "```\n"
}

// BenchmarkHighlight converts 200 corpus articles that each carry three code
// blocks: "highlighted" in languages chroma knows, "plain" in a language it
// does not (the path of code before highlighting). Their ratio is the cost of
// highlighting.
func BenchmarkHighlight(b *testing.B) {
	for _, v := range []struct {
		name string
		lang [3]string
	}{{"plain", [3]string{"x-go", "x-yaml", "x-sh"}}, {"highlighted", [3]string{"go", "yaml", "sh"}}} {
		b.Run(v.name, func(b *testing.B) {
			files := corpus.Generate(200, 42)
			code := codeSample(v.lang)
			var n int64
			for i := range files {
				files[i].Data = append(files[i].Data, code...)
				n += int64(len(files[i].Data))
			}
			c := New(Options{})
			b.SetBytes(n)
			for b.Loop() {
				for _, f := range files {
					if _, err := c.Convert(f.Data); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestInterfaceWords checks that callouts and videos are labelled in the
// site's language, with every language's strings in internal/i18n.
func TestInterfaceWords(t *testing.T) {
	en := i18n.English()
	for _, lang := range i18n.Languages() {
		c, err := i18n.New(lang, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		doc, err := New(Options{Language: lang}).Convert([]byte("> [!WARNING]\n> Careful.\n\nhttps://youtu.be/dQw4w9WgXcQ\n"))
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"callout_warning", "embed_play"} {
			want := c.T(key)
			if !strings.Contains(doc.HTML, ">"+want+"<") {
				t.Errorf("%s: no %q (%s) in %s", lang, want, key, doc.HTML)
			}
			if lang != "en" && want == en.T(key) && key != "callout_important" {
				t.Errorf("%s: %s not translated", lang, key)
			}
		}
	}
}
