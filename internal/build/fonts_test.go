package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// scriptsArticle has emoji, Chinese and Arabic in its title and checklist.
const scriptsArticle = `---
title: "信任 🙏 ثق بمديرك"
date: 2025-03-01
summary: A checklist in three scripts.
---

## 检查清单

- [ ] Say thank you 🙏
- [ ] 信任你的经理

## قائمة التحقق

- [ ] مرحبا بالعالم
`

// withFonts adds the test fonts (subsets of Noto Sans Arabic and Noto Sans
// CJK SC) to a site under fonts/ and names them in site.yaml.
func withFonts(t *testing.T, s *site) *site {
	t.Helper()
	for _, name := range []string{"NotoSansArabic-subset.ttf", "NotoSansCJKsc-subset.otf"} {
		data, err := os.ReadFile(filepath.Join("../fonts/testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		s.fsys["fonts/"+name] = &fstest.MapFile{Data: data}
	}
	s.fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(testSiteYAML + "fonts:\n  - fonts/NotoSansArabic-subset.ttf\n  - fonts/NotoSansCJKsc-subset.otf\n")}
	return s
}

// TestScriptsWithSiteFonts builds an article in three scripts with the
// site's fonts: no warning, and the PDFs' text is the article's.
func TestScriptsWithSiteFonts(t *testing.T) {
	pdftotext := poppler(t, "pdftotext")
	s := withFonts(t, withShareImage(newSite(t, map[string]string{"content/articles/scripts.md": scriptsArticle}))).mustBuild()
	for _, w := range s.rep.Warnings {
		if strings.Contains(w.Error(), "no glyph") {
			t.Errorf("warning with the site's fonts: %v", w)
		}
	}
	for _, name := range []string{"checklist-a4.pdf", "checklist-letter.pdf"} {
		f := filepath.Join(t.TempDir(), name)
		os.WriteFile(f, []byte(s.file("articles/scripts/"+name)), 0o644)
		text := strings.ReplaceAll(run(t, pdftotext, f, "-"), " ", "")
		for _, want := range []string{"检查清单", "信任你的经理", "قائمةالتحقق", "مرحبابالعالم", "Saythankyou🙏"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: pdftotext lacks %q:\n%s", name, want, text)
			}
		}
		if !strings.Contains(s.file("articles/scripts/"+name), "utm_source=checklist&utm_medium=pdf&utm_campaign=scripts") {
			t.Errorf("%s: the article link lacks utm_source=checklist", name)
		}
	}
	s.file("articles/scripts/card.png")
}

// TestMissingGlyphsWarnAtTheirLines builds the same article without the
// site's fonts: the build succeeds, with a warning at the file and line of
// each title, heading and item holding a character no font has.
func TestMissingGlyphsWarnAtTheirLines(t *testing.T) {
	s := withShareImage(newSite(t, map[string]string{"content/articles/scripts.md": scriptsArticle})).mustBuild()
	var got []string
	for _, w := range s.rep.Warnings {
		if msg := w.Error(); strings.Contains(msg, "no glyph in the fonts") {
			path, _, _ := strings.Cut(msg, ": character")
			got = append(got, path)
		}
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		"content/articles/scripts.md:2",  // the title (card and PDF)
		"content/articles/scripts.md:7",  // 检查清单
		"content/articles/scripts.md:10", // 信任你的经理
		"content/articles/scripts.md:12", // قائمة التحقق
		"content/articles/scripts.md:14", // مرحبا بالعالم
	} {
		if !strings.Contains(joined+"\n", want+"\n") {
			t.Errorf("no missing-glyph warning at %s; got:\n%s", want, joined)
		}
	}
	if strings.Contains(joined+"\n", "scripts.md:9\n") {
		t.Errorf("a warning at line 9, whose emoji the bundled fonts have:\n%s", joined)
	}
	s.file("articles/scripts/checklist-a4.pdf")
	s.file("articles/scripts/card.png")
}

func TestFontPathOutsideTheSiteIsAnError(t *testing.T) {
	s := withShareImage(newSite(t, nil))
	s.fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(testSiteYAML + "fonts:\n  - ../secret.otf\n")}
	s.build()
	if s.err == nil || !strings.Contains(s.err.Error(), "content/site.yaml:") || !strings.Contains(s.err.Error(), "not a path inside the site folder") {
		t.Errorf("error = %v, want one at content/site.yaml naming the path", s.err)
	}
	s = withShareImage(newSite(t, nil))
	s.fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(testSiteYAML + "fonts:\n  - fonts/none.otf\n")}
	s.build()
	if s.err == nil || !strings.Contains(s.err.Error(), "fonts/none.otf") {
		t.Errorf("error = %v, want one naming fonts/none.otf", s.err)
	}
}
