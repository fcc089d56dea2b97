package migrate

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// jekyllSite is a Jekyll site being read.
type jekyllSite struct {
	im          *importer
	cfg         map[string]any
	permalink   string // the posts' permalink pattern, a built-in style expanded
	pageStyle   string // the suffix of pages' URLs: "/", ":output_ext" or ""
	collections map[string]jekyllCollection
	defaults    []jekyllDefault
	authors     map[string]any // _data/authors.yml
	kramdown    bool
	posts       map[string]*page // "2019-05-03-title" and "folder/2019-05-03-title" → post, for post_url
}

type jekyllCollection struct {
	output    bool
	permalink string
}

type jekyllDefault struct {
	path, typ string
	values    map[string]any
}

// jekyllMarkdown are the extensions Jekyll converts as Markdown.
var jekyllMarkdown = map[string]bool{".md": true, ".markdown": true, ".mkdown": true, ".mkdn": true, ".mkd": true, ".mdown": true}

// jekyllPost matches a post's file name: a date, a title, an extension.
var jekyllPost = regexp.MustCompile(`^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$`)

// jekyllSkip are folders Jekyll never reads.
var jekyllSkip = map[string]bool{"_site": true, "node_modules": true, "vendor": true, ".jekyll-cache": true, ".sass-cache": true, "_includes": true, "_layouts": true, "_sass": true, "_data": true, "_plugins": true, "gemfiles": true}

// Jekyll converts the Jekyll site in old: its posts (_posts/), drafts
// (_drafts/), the documents of collections it publishes, its Markdown pages,
// and the files they link to.
func Jekyll(old fs.FS, opt Options) (*Result, error) {
	cfg, err := readJekyllConfig(old)
	if err != nil {
		return nil, err
	}
	j := &jekyllSite{im: newImporter(old, "jekyll", opt), cfg: cfg, posts: map[string]*page{}}
	j.settings()
	if err := j.read(); err != nil {
		return nil, err
	}
	j.im.convert = j.convert
	j.im.clean = j.clean
	return j.im.run(), nil
}

func readJekyllConfig(old fs.FS) (map[string]any, error) {
	for _, name := range []string{"_config.yml", "_config.yaml", "_config.toml"} {
		data, err := fs.ReadFile(old, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if path.Ext(name) == ".toml" {
			m = map[string]any{}
			_, err = toml.Decode(string(data), &m)
		} else {
			m, err = parseYAML(string(data))
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, wrapLine(err))
		}
		out, _ := normalise(m).(map[string]any)
		if out == nil {
			out = map[string]any{}
		}
		return out, nil
	}
	if _, err := fs.Stat(old, "_posts"); err != nil {
		return nil, fmt.Errorf("not a Jekyll site: no _config.yml or _posts/ folder")
	}
	return map[string]any{}, nil
}

// settings reads what folio keeps of _config.yml.
func (j *jekyllSite) settings() {
	c := j.cfg
	s := &j.im.site
	s.baseURL, _ = splitBase(str(c["url"]))
	_, s.basePath = splitBase(str(c["baseurl"]))
	if s.basePath == "/" {
		s.basePath = ""
	}
	s.title = str(c["title"])
	s.description = oneLine(str(c["description"]))
	s.author = authorOf(c, takeFrom(c))
	s.language = languageTag(firstText(str(c["lang"]), str(c["locale"]), str(c["language"])))
	// Kramdown, Jekyll's Markdown, lets HTML through.
	s.unsafeHTML = true
	if tz := str(c["timezone"]); tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			s.location = loc
		} else {
			j.im.note(Warning, "", 0, "timezone %q is unknown to this system: dates without a zone are read as UTC", tz)
		}
	}
	md := strings.ToLower(firstText(str(c["markdown"]), "kramdown"))
	j.kramdown = md == "kramdown"

	style := firstText(str(c["permalink"]), "date")
	j.permalink = style
	if p, ok := jekyllStyles[style]; ok {
		j.permalink = p
	}
	switch {
	case style == "pretty" || strings.HasSuffix(j.permalink, "/"):
		j.pageStyle = "/"
	case jekyllStyles[style] != "" || strings.HasSuffix(j.permalink, ":output_ext"):
		j.pageStyle = ":output_ext"
	}

	j.collections = map[string]jekyllCollection{}
	switch cs := c["collections"].(type) {
	case map[string]any:
		for name, v := range cs {
			m, _ := v.(map[string]any)
			j.collections[name] = jekyllCollection{output: truthy(m["output"]), permalink: str(m["permalink"])}
		}
	case []any:
		for _, name := range cs {
			j.collections[str(name)] = jekyllCollection{}
		}
	}
	if pc, ok := j.collections["posts"]; ok && pc.permalink != "" {
		j.permalink = pc.permalink
		if p, ok := jekyllStyles[pc.permalink]; ok {
			j.permalink = p
		}
	}
	if ds, ok := c["defaults"].([]any); ok {
		for _, d := range ds {
			m, _ := d.(map[string]any)
			scope, values := sub(m, "scope"), sub(m, "values")
			if values == nil {
				continue
			}
			j.defaults = append(j.defaults, jekyllDefault{path: strings.Trim(str(scope["path"]), "/"), typ: str(scope["type"]), values: values})
		}
	}
	for _, name := range []string{"_data/authors.yml", "_data/authors.yaml"} {
		if data, err := fs.ReadFile(j.im.old, name); err == nil {
			if m, err := parseYAML(string(data)); err == nil {
				j.authors = m
			}
		}
	}
}

// jekyllDoc is a post, draft, page or collection document found by the walk.
type jekyllDoc struct {
	src        string
	typ        string // "posts", "drafts", "pages" or a collection's name
	collection string // for collection documents
	dirCats    []string
}

// read walks the site.
func (j *jekyllSite) read() error {
	var docs []jekyllDoc
	err := fs.WalkDir(j.im.old, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != "." && (strings.HasPrefix(name, ".") || jekyllSkip[name] || j.excluded(p)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(name, "_") && name != "_posts" && name != "_drafts" && !j.isCollectionDir(p) && !strings.Contains(p, "/_posts") {
				return fs.SkipDir
			}
			return nil
		}
		return j.classify(p, &docs)
	})
	if err != nil {
		return fmt.Errorf("read the site: %w", err)
	}
	paths := make([]string, len(docs))
	for i, d := range docs {
		paths[i] = d.src
	}
	read := readMatters(j.im.old, paths)
	for i, d := range docs {
		if p := j.readDoc(d, read[i]); p != nil {
			j.im.pages = append(j.im.pages, p)
		}
	}
	return nil
}

func (j *jekyllSite) excluded(p string) bool {
	for _, e := range strs(j.cfg["exclude"]) {
		e = strings.Trim(e, "/")
		if p == e || strings.HasPrefix(p, e+"/") {
			return true
		}
		if ok, _ := path.Match(e, p); ok {
			return true
		}
	}
	switch p {
	case "Gemfile", "Gemfile.lock", "_config.yml", "_config.yaml", "_config.toml", "CNAME":
		return true
	}
	return false
}

func (j *jekyllSite) isCollectionDir(p string) bool {
	_, ok := j.collections[strings.TrimPrefix(p, "_")]
	return ok && !strings.Contains(p, "/")
}

// classify sorts a file into posts, drafts, collection documents, pages and
// plain files.
func (j *jekyllSite) classify(p string, docs *[]jekyllDoc) error {
	parts := strings.Split(p, "/")
	ext := strings.ToLower(path.Ext(p))
	for i, part := range parts[:len(parts)-1] {
		if part == "_posts" {
			if !jekyllPost.MatchString(path.Base(p)) {
				return nil // Jekyll skips files not named like posts
			}
			*docs = append(*docs, jekyllDoc{src: p, typ: "posts", dirCats: parts[:i]})
			return nil
		}
	}
	if parts[0] == "_drafts" {
		*docs = append(*docs, jekyllDoc{src: p, typ: "drafts"})
		return nil
	}
	if strings.HasPrefix(parts[0], "_") && len(parts) > 1 {
		name := parts[0][1:]
		if c := j.collections[name]; c.output && (jekyllMarkdown[ext] || ext == ".html") {
			*docs = append(*docs, jekyllDoc{src: p, typ: name, collection: name})
		}
		return nil
	}
	hasFM, err := j.startsWithFrontMatter(p)
	if err != nil {
		return err
	}
	switch {
	case hasFM && jekyllMarkdown[ext]:
		*docs = append(*docs, jekyllDoc{src: p, typ: "pages"})
	case hasFM:
		if ext == ".html" || ext == ".htm" {
			j.im.oldNote(Info, p, 0, "an HTML page with Liquid (a list, an archive): not imported, folio makes its own")
		}
	default:
		j.im.files[j.im.site.basePath+"/"+p] = p
	}
	return nil
}

func (j *jekyllSite) startsWithFrontMatter(p string) (bool, error) {
	f, err := j.im.old.Open(p)
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, 5)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("read %s: %w", p, err)
	}
	s := strings.TrimPrefix(string(buf[:n]), "\uFEFF")
	return strings.HasPrefix(s, "---\n") || strings.HasPrefix(s, "---\r") || strings.HasPrefix(s, "--- "), nil
}

// readDoc reads one post, draft, page or document.
func (j *jekyllSite) readDoc(d jekyllDoc, pr parsed) *page {
	if pr.readErr {
		j.im.oldNote(Error, d.src, 0, "cannot read: %v", pr.err)
		return nil
	}
	ext := strings.ToLower(path.Ext(d.src))
	if !jekyllMarkdown[ext] {
		j.im.oldNote(Warning, d.src, 0, "not imported: folio reads Markdown, not %s", ext)
		return nil
	}
	m, err := pr.m, pr.err
	if err != nil {
		line := 1
		if le, ok := err.(*lineError); ok {
			line = le.line
		}
		j.im.oldNote(Error, d.src, line, "%v: not imported", err)
		return nil
	}
	if !m.present && (d.typ == "posts" || d.typ == "drafts") {
		j.im.oldNote(Warning, d.src, 0, "no front matter, so Jekyll published it as a plain file: not imported")
		return nil
	}
	fm := j.withDefaults(d, m.fm)
	if str(fm["redirect_to"]) != "" {
		j.im.oldNote(Info, d.src, 0, "a redirect to %s: not imported", str(fm["redirect_to"]))
		return nil
	}
	base := path.Base(d.src)
	base = strings.TrimSuffix(base, path.Ext(base))
	if d.typ == "pages" && base == "index" && path.Dir(d.src) == "." {
		j.im.oldNote(Info, d.src, 0, "the home page: not imported, folio makes its own")
		return nil
	}
	if d.typ == "pages" && (base == "404" || base == "search" || base == "feed") && path.Dir(d.src) == "." {
		j.im.oldNote(Info, d.src, 0, "not imported: folio makes its own %s page", base)
		return nil
	}
	used := map[string]bool{}
	for _, k := range []string{"title", "date", "slug", "permalink", "published", "draft", "redirect_from", "layout"} {
		used[k] = true
	}
	p := &page{src: d.src, fm: fm, body: m.body, bodyLine: m.bodyLine}

	// Name and date: a post's from its file name, overridden by front matter.
	name, fileDate := base, stamp{}
	if d.typ == "posts" {
		if mm := jekyllPost.FindStringSubmatch(path.Base(d.src)); mm != nil {
			name = mm[2]
			fileDate, _ = parseStampText(mm[1], nil)
		}
	}
	if base == "index" && d.typ == "pages" {
		name = path.Base(path.Dir(d.src))
	}
	if v, ok := fm["date"]; ok {
		s, err := parseStamp(v, j.im.site.location)
		if err != nil {
			j.im.pageNote(Warning, p, "date: %v; the file name's date is used", err)
		} else {
			p.date = s
		}
	}
	if p.date.isZero() {
		p.date = fileDate
	}
	if p.date.isZero() && d.typ == "drafts" {
		p.date = stamp{t: j.im.opt.Now, kind: dayOnly}
	}
	p.title = str(fm["title"])
	if p.title == "" {
		p.title = titleFromName(name)
		if d.typ != "posts" {
			j.im.pageNote(Info, p, "no title: named %q after its file", p.title)
		}
	}
	p.draft = d.typ == "drafts" || (fm["published"] != nil && !truthy(fm["published"])) || truthy(fm["draft"])
	j.im.mapFront(p, used)
	if a, ok := p.fm["author"].(string); ok {
		if entry, known := j.authors[a].(map[string]any); known {
			if n := str(entry["name"]); n != "" {
				p.fmMapped.authors = []string{n}
			}
		}
	}
	var cats []string
	cats = append(cats, d.dirCats...)
	cats = append(cats, j.im.topicList("categories", fm["categories"])...)
	if c := str(fm["category"]); c != "" {
		cats = append(cats, c)
	}

	p.article = d.typ == "posts" || d.typ == "drafts" || (d.collection != "" && !p.date.isZero())
	slugFM := str(fm["slug"])
	// The folders a page was in name it apart from a namesake; a post's
	// date or a document's collection do that for them.
	var dirs []string
	if dir := path.Dir(d.src); dir != "." {
		dirs = strings.Split(dir, "/")
	}
	switch {
	case d.typ == "posts" || d.typ == "drafts":
		dirs = nil
	case d.collection != "":
		dirs[0] = d.collection
	case base == "index" && len(dirs) > 0:
		dirs = dirs[:len(dirs)-1]
	}
	date := ""
	if !p.date.isZero() {
		date = p.date.t.Format("2006-01-02")
	}
	p.names = slugNames(firstText(slugFM, name), dirs, date)
	if !p.draft {
		p.oldURL = j.url(d, p, name, cats)
	}
	// jekyll-redirect-from's paths are relative to the site's base URL.
	for _, a := range strs(fm["redirect_from"]) {
		if strings.HasPrefix(a, "/") {
			a = j.im.site.basePath + a
		}
		p.aliases = append(p.aliases, a)
	}
	if d.typ == "posts" {
		j.posts[strings.TrimSuffix(path.Base(d.src), path.Ext(d.src))] = p
		rel := d.src[strings.Index(d.src, "_posts/")+len("_posts/"):]
		j.posts[strings.TrimSuffix(rel, path.Ext(rel))] = p
	}
	return p
}

// withDefaults merges the front-matter defaults of _config.yml that apply
// to a document under its own front matter.
func (j *jekyllSite) withDefaults(d jekyllDoc, fm map[string]any) map[string]any {
	out := map[string]any{}
	for _, def := range j.defaults {
		if def.typ != "" && def.typ != d.typ {
			continue
		}
		if def.path != "" && d.src != def.path && !strings.HasPrefix(d.src, def.path+"/") {
			if ok, _ := path.Match(def.path, d.src); !ok {
				continue
			}
		}
		for k, v := range def.values {
			out[k] = v
		}
	}
	for k, v := range fm {
		out[k] = v
	}
	return out
}
