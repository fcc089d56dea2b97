package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// hugoSite is a Hugo site being read.
type hugoSite struct {
	im  *importer
	cfg map[string]any // the settings, keys lower-cased

	lang        string          // the language imported, the site's
	langs       map[string]bool // every language of the site
	defaultLang string          // defaultContentLanguage
	inSubdir    bool            // defaultContentLanguageInSubdir
	all         bool            // every language is imported, the others as translations
	contentDir  string
	langDirs    map[string]string // other languages' own content folders
	langTags    map[string]string // each language's BCP 47 tag (languageCode)
	paths       hugoPaths
	main        map[string]bool // main sections: their pages are articles
	branches    map[string]bool // content-relative folders with an _index file
	leaves      map[string]bool // content-relative folders with an index file (page bundles)
	shortcodes  map[string]string
	attrBlocks  bool // goldmark's block attributes ({.class} lines) are on
}

// hugoContent are the extensions of files Hugo reads as Markdown.
var hugoMarkdown = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true}

// hugoOther are content formats folio cannot read.
var hugoOther = map[string]bool{".adoc": true, ".asciidoc": true, ".ad": true, ".org": true, ".rst": true, ".pandoc": true, ".pdc": true, ".rmd": true, ".rmarkdown": true}

// Hugo converts the Hugo site in old: the posts and pages of its content
// folder (of one language), their bundles, and the files of static/ they link to.
func Hugo(old fs.FS, opt Options) (*Result, error) {
	cfg, err := readHugoConfig(old)
	if err != nil {
		return nil, err
	}
	h := &hugoSite{im: newImporter(old, "hugo", opt), cfg: cfg}
	if err := h.read(); err != nil {
		return nil, err
	}
	h.im.convert = h.convert
	h.im.clean = h.clean
	return h.im.run(), nil
}

// hugoFile is a content file found by the walk.
type hugoFile struct {
	dir  string // the content folder it was found in
	rel  string // relative to dir
	lang string
}

// read finds the site's pages and files.
func (h *hugoSite) read() error {
	h.settings()
	if _, err := fs.Stat(h.im.old, h.contentDir); err != nil {
		return fmt.Errorf("not a Hugo site: no %s/ folder", h.contentDir)
	}
	h.readShortcodes()
	if err := h.readStatic(); err != nil {
		return err
	}
	var files []hugoFile
	var others []hugoFile
	h.branches, h.leaves = map[string]bool{}, map[string]bool{}
	skipped := map[string]int{}
	// Languages' own content folders: the imported language's, then, when
	// every language is imported, the others' (in a fixed order).
	dirs := []string{h.contentDir}
	dirLang := map[string]string{h.contentDir: h.lang}
	if h.all {
		langs := make([]string, 0, len(h.langDirs))
		for l := range h.langDirs {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			dirs = append(dirs, h.langDirs[l])
			dirLang[h.langDirs[l]] = l
		}
	}
	for _, root := range dirs {
		if _, err := fs.Stat(h.im.old, root); err != nil {
			continue
		}
		err := fs.WalkDir(h.im.old, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.IsDir() && dirLang[p] != "") {
				// Hidden files, and another language's folder inside this one.
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			rel := strings.TrimPrefix(p, root+"/")
			ext := strings.ToLower(path.Ext(p))
			if !hugoMarkdown[ext] && !hugoOther[ext] && !h.isHTMLContent(p, ext) {
				others = append(others, hugoFile{dir: root, rel: rel})
				return nil
			}
			lang := h.fileLang(rel, dirLang[root])
			base := baseName(rel, h.langs)
			dir := path.Dir(rel)
			switch base {
			case "_index":
				h.branches[dir] = true
			case "index":
				h.leaves[dir] = true
			}
			if lang != h.lang && !h.all {
				skipped[lang]++
				return nil
			}
			files = append(files, hugoFile{dir: root, rel: rel, lang: lang})
			return nil
		})
		if err != nil {
			return fmt.Errorf("read %s: %w", root, err)
		}
	}
	if !h.all {
		h.countOtherLanguages(skipped)
	}

	var pages []*page
	var meta []hugoPage
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.dir + "/" + f.rel
	}
	read := readMatters(h.im.old, paths)
	for i, f := range files {
		p, hp, ok := h.readPage(f, read[i])
		if ok {
			pages = append(pages, p)
			meta = append(meta, hp)
		}
	}
	h.pickMainSections(meta)
	for i, p := range pages {
		h.place(p, meta[i])
		h.im.pages = append(h.im.pages, p)
	}
	h.translations(pages, meta)
	for _, f := range others {
		if h.bundleOf(f.rel) != "" {
			continue // a resource, copied with its page
		}
		u := h.im.site.basePath + h.prefixOf(h.fileLang(f.rel, dirLang[f.dir])) + "/" + f.rel
		h.im.files[u] = f.dir + "/" + f.rel
	}
	return nil
}

// isHTMLContent reports whether an .html file under content/ is a page
// (it has front matter), which folio cannot import, rather than a file.
func (h *hugoSite) isHTMLContent(p, ext string) bool {
	if ext != ".html" && ext != ".htm" {
		return false
	}
	data, err := fs.ReadFile(h.im.old, p)
	if err != nil {
		return false
	}
	m, err := splitMatter(data)
	return err == nil && m.present
}

// fileLang returns the language of a content file: from its name
// (post.fr.md), or dirLang, the language whose content folder it is in.
func (h *hugoSite) fileLang(rel, dirLang string) string {
	name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	if ext := path.Ext(name); ext != "" && h.langs[strings.ToLower(ext[1:])] {
		return strings.ToLower(ext[1:])
	}
	return dirLang
}

// translations links the pages of other languages to the page of the
// site's language they translate: the one with the same translationKey, or
// else the same path in its content folder without the language
// (posts/a.fr.md, fr/posts/a.md → posts/a.md). Each gets its language and
// translation_of; a page whose original is missing stands alone in its
// language.
func (h *hugoSite) translations(pages []*page, meta []hugoPage) {
	if !h.all {
		return
	}
	originals := map[string]*page{}
	for i, p := range pages {
		if meta[i].lang == h.lang {
			originals[meta[i].transKey] = p
		}
	}
	for i, p := range pages {
		m := meta[i]
		if m.lang == h.lang {
			continue
		}
		if p.fmMapped.language == "" {
			p.fmMapped.language = h.langTags[m.lang]
			if p.fmMapped.language == "" {
				p.fmMapped.language = m.lang
			}
		}
		if o := originals[m.transKey]; o != nil && o.article == p.article {
			p.original = o
		}
	}
}

// countOtherLanguages notes the pages of languages not imported, including
// those in other languages' content folders.
func (h *hugoSite) countOtherLanguages(skipped map[string]int) {
	for l, lc := range sub(h.cfg, "languages") {
		lcm, _ := lc.(map[string]any)
		dir := strings.Trim(str(lcm["contentdir"]), "/")
		l = strings.ToLower(l)
		if l == h.lang || dir == "" || dir == h.contentDir {
			continue
		}
		_ = fs.WalkDir(h.im.old, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && hugoMarkdown[strings.ToLower(path.Ext(p))] && !strings.HasPrefix(path.Base(p), "_index.") {
				skipped[l]++
			}
			return nil
		})
	}
	langs := make([]string, 0, len(skipped))
	for l := range skipped {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		h.im.note(Info, "", 0, "%d %s in %q not imported: folio imports one language at a time (--language %s imports them)", skipped[l], plural(skipped[l], "file", "files"), l, l)
	}
}

// readShortcodes lists the old site's own shortcodes, to name them in the report.
func (h *hugoSite) readShortcodes() {
	h.shortcodes = map[string]string{}
	dirs := []string{"layouts/shortcodes", "layouts/_shortcodes"}
	if theme := str(h.cfg["theme"]); theme != "" {
		dirs = append(dirs, "themes/"+theme+"/layouts/shortcodes", "themes/"+theme+"/layouts/_shortcodes")
	}
	for _, dir := range dirs {
		entries, _ := fs.ReadDir(h.im.old, dir)
		for _, e := range entries {
			name := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
			if _, seen := h.shortcodes[name]; !seen && !e.IsDir() {
				h.shortcodes[name] = dir + "/" + e.Name()
			}
		}
	}
}

// readStatic lists the files of static/ by the URL Hugo published them at.
func (h *hugoSite) readStatic() error {
	dirs := strs(h.cfg["staticdir"])
	if len(dirs) == 0 {
		dirs = []string{"static"}
	}
	for _, dir := range dirs {
		dir = strings.Trim(dir, "/")
		err := fs.WalkDir(h.im.old, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				return err
			}
			if !d.IsDir() {
				h.im.files[h.im.site.basePath+"/"+strings.TrimPrefix(p, dir+"/")] = p
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read %s: %w", dir, err)
		}
	}
	return nil
}

// bundleOf returns the page bundle folder a content file lies in, or "".
func (h *hugoSite) bundleOf(rel string) string {
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if h.leaves[dir] {
			return dir
		}
	}
	return ""
}

// readPage reads one content file; ok is false for files that are no page
// of their own (section lists, bundle resources, headless pages).
func (h *hugoSite) readPage(f hugoFile, pr parsed) (*page, hugoPage, bool) {
	src := f.dir + "/" + f.rel
	base := baseName(f.rel, h.langs)
	dir := path.Dir(f.rel)
	ext := strings.ToLower(path.Ext(f.rel))
	bundle := h.bundleOf(f.rel)
	if base == "_index" && !hugoMarkdown[ext] {
		return nil, hugoPage{}, false // a section's list page, in HTML
	}
	if bundle != "" && !(base == "index" && dir == bundle) {
		if hugoMarkdown[ext] {
			h.im.oldNote(Warning, src, 0, "a Markdown file inside the page bundle %s/%s is not imported: folio publishes bundle files as they are", f.dir, bundle)
		}
		return nil, hugoPage{}, false
	}
	if hugoOther[ext] || ext == ".html" || ext == ".htm" {
		h.im.oldNote(Warning, src, 0, "not imported: folio reads Markdown, not %s", ext)
		return nil, hugoPage{}, false
	}
	if pr.readErr {
		h.im.oldNote(Error, src, 0, "cannot read: %v", pr.err)
		return nil, hugoPage{}, false
	}
	m, err := pr.m, pr.err
	if err != nil {
		le, _ := err.(*lineError)
		line := 1
		if le != nil {
			line = le.line
		}
		h.im.oldNote(Error, src, line, "%v: not imported", err)
		return nil, hugoPage{}, false
	}
	fm, _ := lowerKeys(m.fm).(map[string]any)
	if fm == nil {
		fm = map[string]any{}
	}
	if base == "_index" {
		if strings.TrimSpace(m.body) != "" {
			h.im.oldNote(Info, src, 0, "the text of a section's list page is not imported: folio makes its own lists")
		}
		return nil, hugoPage{}, false
	}
	if truthy(fm["headless"]) || neverRendered(fm) {
		h.im.oldNote(Info, src, 0, "a page Hugo does not publish (headless): not imported")
		return nil, hugoPage{}, false
	}
	used := map[string]bool{}
	for _, k := range []string{"title", "date", "publishdate", "pubdate", "published", "draft", "slug", "url", "aliases", "headless", "_build", "build", "iscjklanguage", "layout", "type", "weight", "translationkey"} {
		used[k] = true
	}
	p := &page{src: src, fm: fm, body: m.body, bodyLine: m.bodyLine}
	name := base
	pageDir := dir
	if base == "index" {
		name = path.Base(dir)
		pageDir = path.Dir(dir)
		if pageDir == "." {
			pageDir = ""
		}
		p.bundle = f.dir + "/" + dir
		p.resources = h.resources(f.dir, dir)
	} else if pageDir == "." {
		pageDir = ""
	}
	p.title = str(fm["title"])
	if p.title == "" {
		p.title = titleFromName(name)
		h.im.pageNote(Info, p, "no title: named %q after its file", p.title)
	}
	for _, k := range []string{"date", "publishdate", "pubdate", "published"} {
		if v, ok := fm[k]; ok && p.date.isZero() {
			s, err := parseStamp(v, h.im.site.location)
			if err != nil {
				h.im.pageNote(Warning, p, "%s: %v", k, err)
				continue
			}
			p.date = s
		}
	}
	if p.date.isZero() {
		p.date = dateFromName(name)
	}
	p.draft = truthy(fm["draft"])
	if v, ok := fm["expirydate"]; ok {
		used["expirydate"] = true
		if s, err := parseStamp(v, h.im.site.location); err == nil && !s.isZero() {
			h.im.pageNote(Warning, p, "expiryDate %s: folio has no expiry date, the page stays published", s)
		}
	}
	h.im.mapFront(p, used)

	var dirs []string
	section := ""
	if pageDir != "" {
		parts := strings.Split(pageDir, "/")
		section = parts[0]
		dirs = parts[1:]
	}
	date := ""
	if !p.date.isZero() {
		date = p.date.t.Format("2006-01-02")
	}
	p.names = slugNames(firstText(str(fm["slug"]), name), dirs, date)
	if s := str(fm["slug"]); s != "" {
		// A slug the writer chose comes first; the file's name is the fallback.
		p.names = append(p.names, slugNames(name, dirs, date)...)
	}
	hp := hugoPage{dir: pageDir, name: name, section: section, sections: h.sectionPath(pageDir), title: p.title, slug: str(fm["slug"]), date: p.date.t, lang: f.lang}
	hp.transKey = str(fm["translationkey"])
	if hp.transKey == "" {
		hp.transKey = path.Join(pageDir, name)
	}
	if f.lang != h.lang {
		// A translation takes the original's name with its language:
		// hello-fr beside hello.
		for i, n := range p.names {
			p.names[i] = n + "-" + f.lang
		}
	}
	return p, hp, true
}

// aliases reads a page's aliases as Hugo publishes them (checked with hugo
// 0.111): "/old/" under the site's root, whatever the page's language, and
// "old/" beside the page.
func (h *hugoSite) aliases(p *page) {
	dir := strings.TrimSuffix(p.oldURL, "/")
	dir = dir[:strings.LastIndexByte(dir, '/')+1]
	for _, a := range strs(p.fm["aliases"]) {
		if strings.HasPrefix(a, "/") {
			a = h.im.site.basePath + a
		} else {
			a = resolvePath(dir, a)
		}
		p.aliases = append(p.aliases, a)
	}
}

// neverRendered reports Hugo's build options that keep a page unpublished.
func neverRendered(fm map[string]any) bool {
	for _, k := range []string{"_build", "build"} {
		if b := sub(fm, k); b != nil {
			switch v := b["render"].(type) {
			case bool:
				return !v
			case string:
				return v == "never" || v == "false"
			}
		}
	}
	return false
}

// sectionPath is the path of the nearest section of a folder: the first
// folder, and below it each folder with an _index file.
func (h *hugoSite) sectionPath(dir string) string {
	if dir == "" {
		return ""
	}
	parts := strings.Split(dir, "/")
	out := parts[:1]
	for i := 1; i < len(parts); i++ {
		if !h.branches[strings.Join(parts[:i+1], "/")] {
			break
		}
		out = parts[:i+1]
	}
	return strings.Join(out, "/")
}

// resources lists the files of a page bundle, except its index files.
func (h *hugoSite) resources(contentDir, dir string) []string {
	var out []string
	root := contentDir + "/" + dir
	_ = fs.WalkDir(h.im.old, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		name := path.Base(p)
		if strings.HasPrefix(name, ".") || (path.Dir(p) == root && baseName(name, h.langs) == "index") {
			return nil
		}
		if hugoMarkdown[strings.ToLower(path.Ext(name))] {
			return nil
		}
		out = append(out, p)
		return nil
	})
	return out
}

// pickMainSections chooses the sections whose pages are articles: params'
// mainSections, or else the section with the most pages, as Hugo does.
func (h *hugoSite) pickMainSections(meta []hugoPage) {
	if len(h.main) > 0 {
		return
	}
	count := map[string]int{}
	for _, m := range meta {
		if m.section != "" {
			count[m.section]++
		}
	}
	best := ""
	for s, n := range count {
		if n > count[best] || (n == count[best] && s < best) {
			best = s
		}
	}
	if best != "" {
		h.main[best] = true
	}
}

// place decides whether a page is an article and works out its old URL.
func (h *hugoSite) place(p *page, hp hugoPage) {
	switch {
	case p.date.isZero() && p.draft && h.main[hp.section]:
		// A draft post not dated yet: an article dated today, still a draft.
		p.article = true
		p.date = stamp{t: h.im.opt.Now, kind: dayOnly}
		h.im.pageNote(Info, p, "a draft without a date: dated today")
	case p.date.isZero():
		p.article = false
		if h.main[hp.section] {
			h.im.pageNote(Warning, p, "no date: imported as a standalone page; add a date: and move it to content/articles/ to make it an article")
		}
	case hp.section == "":
		p.article = false
	default:
		p.article = true
	}
	prefix := h.im.site.basePath + h.prefixOf(hp.lang)
	if u := str(p.fm["url"]); u != "" {
		u = "/" + strings.TrimLeft(u, "/")
		// Hugo serves url: /a as /a/, unless it names a file.
		if path.Ext(u) == "" && !strings.HasSuffix(u, "/") && !h.paths.ugly {
			u += "/"
		}
		p.oldURL = prefix + u
		h.aliases(p)
		return
	}
	u, err := h.paths.url(hp)
	if err != nil {
		h.im.pageNote(Warning, p, "%v: its old URL is unknown, so no alias was made", err)
		return
	}
	p.oldURL = prefix + u
	h.aliases(p)
	// Hugo before 0.123 made paths differently ("a b .md" → "a-b-"): the
	// URL that version gave the page is kept too.
	legacy := h.paths
	legacy.legacy = true
	if lu, err := legacy.url(hp); err == nil && lu != u {
		p.aliases = append(p.aliases, prefix+lu)
	}
}
