package migrate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// hugoConfigNames are the settings files Hugo looks for, in its order.
var hugoConfigNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// readHugoConfig reads the site's settings: hugo.toml (or config.toml, in
// TOML, YAML or JSON), merged with config/_default/, where a file named after
// a key (params.toml, permalinks.yaml) holds that key.
func readHugoConfig(old fs.FS) (map[string]any, error) {
	cfg := map[string]any{}
	found := false
	for _, name := range hugoConfigNames {
		m, err := readConfigFile(old, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		cfg, found = m, true
		break
	}
	entries, err := fs.ReadDir(old, "config/_default")
	if err == nil {
		for _, e := range entries {
			ext := path.Ext(e.Name())
			if e.IsDir() || (ext != ".toml" && ext != ".yaml" && ext != ".yml" && ext != ".json") {
				continue
			}
			m, err := readConfigFile(old, "config/_default/"+e.Name())
			if err != nil {
				return nil, err
			}
			found = true
			key := strings.ToLower(strings.TrimSuffix(e.Name(), ext))
			if key == "hugo" || key == "config" {
				for k, v := range m {
					cfg[k] = v
				}
			} else if !strings.Contains(key, ".") { // menus.en.toml and the like are not read
				cfg[key] = m
			}
		}
	}
	if !found {
		if _, err := fs.Stat(old, "content"); err != nil {
			return nil, fmt.Errorf("not a Hugo site: no hugo.toml, config.toml or content/ folder")
		}
	}
	return cfg, nil
}

func readConfigFile(old fs.FS, name string) (map[string]any, error) {
	data, err := fs.ReadFile(old, name)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	switch path.Ext(name) {
	case ".toml":
		m = map[string]any{}
		_, err = toml.Decode(string(data), &m)
		err = wrapLine(err)
	case ".json":
		err = json.Unmarshal(data, &m)
	default:
		m, err = parseYAML(string(data))
		err = wrapLine(err)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	out, _ := lowerKeys(normalise(m)).(map[string]any)
	if out == nil {
		out = map[string]any{}
	}
	return out, nil
}

// wrapLine gives a settings file's parse error its line.
func wrapLine(err error) error {
	if err == nil {
		return nil
	}
	e := shiftLine(err, 0).(*lineError)
	return fmt.Errorf("line %d: %s", e.line, strings.TrimPrefix(e.msg, "front matter cannot be read: "))
}

// settings reads what folio keeps of the site's settings.
func (h *hugoSite) settings() {
	c := h.cfg
	params := sub(c, "params")
	h.im.site.baseURL, h.im.site.basePath = splitBase(str(c["baseurl"]))
	h.im.site.title = str(c["title"])
	h.im.site.description = firstText(str(params["description"]), str(c["description"]))
	h.im.site.author = firstText(authorOf(params, takeFrom(params)), authorOf(c, takeFrom(c)))
	if r := sub(sub(sub(c, "markup"), "goldmark"), "renderer"); r != nil {
		h.im.site.unsafeHTML = truthy(r["unsafe"])
	}
	if a := sub(sub(sub(sub(c, "markup"), "goldmark"), "parser"), "attribute"); a != nil {
		h.attrBlocks = truthy(a["block"])
	}
	if tz := str(c["timezone"]); tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			h.im.site.location = loc
		} else {
			h.im.note(Warning, "", 0, "timeZone %q is unknown to this system: dates without a zone are read as UTC", tz)
		}
	}
	h.paths = hugoPaths{
		removeAccents: truthy(c["removepathaccents"]),
		keepCase:      truthy(c["disablepathtolower"]),
		ugly:          truthy(c["uglyurls"]),
		permalinks:    map[string]string{},
	}
	perm := sub(c, "permalinks")
	if page := sub(perm, "page"); page != nil {
		perm = page
	}
	for k, v := range perm {
		if s := str(v); s != "" {
			h.paths.permalinks[strings.Trim(k, "/ ")] = s
		}
	}
	h.main = map[string]bool{}
	for _, s := range strs(params["mainsections"]) {
		h.main[s] = true
	}

	// Languages: the one imported, and its content folder and URL prefix.
	defaultLang := strings.ToLower(firstText(str(c["defaultcontentlanguage"]), "en"))
	h.langs = map[string]bool{defaultLang: true}
	languages := sub(c, "languages")
	for l := range languages {
		h.langs[strings.ToLower(l)] = true
	}
	h.lang = strings.ToLower(firstText(h.im.opt.Language, defaultLang))
	h.defaultLang, h.inSubdir = defaultLang, truthy(c["defaultcontentlanguageinsubdir"])
	// Without --language, every language is imported: the default one is
	// the site's, the others are translations (see translations).
	h.all = h.im.opt.Language == "" && len(h.langs) > 1
	lc := sub(languages, h.lang)
	h.contentDir = strings.Trim(firstText(str(lc["contentdir"]), str(c["contentdir"]), "content"), "/")
	h.langDirs, h.langTags = map[string]string{}, map[string]string{}
	for l, v := range languages {
		l = strings.ToLower(l)
		m, _ := v.(map[string]any)
		if d := strings.Trim(str(m["contentdir"]), "/"); d != "" && d != h.contentDir {
			h.langDirs[l] = d
		}
		h.langTags[l] = languageTag(firstText(str(m["languagecode"]), str(m["locale"]), l))
	}
	code := firstText(str(lc["languagecode"]), str(lc["locale"]), str(c["languagecode"]), str(c["locale"]))
	if code == "" && len(languages) > 0 {
		code = h.lang
	}
	h.im.site.language = languageTag(firstText(code, h.lang))
	if t := str(lc["title"]); t != "" {
		h.im.site.title = t
	}
	if d := str(sub(lc, "params")["description"]); d != "" {
		h.im.site.description = d
	}
}

// prefixOf returns the URL prefix of a language's pages: "/fr", or "" for
// the default language unless defaultContentLanguageInSubdir is set.
func (h *hugoSite) prefixOf(lang string) string {
	if lang != h.defaultLang || h.inSubdir {
		return "/" + lang
	}
	return ""
}

// takeFrom reads keys of a map for authorOf.
func takeFrom(m map[string]any) func(string) (any, bool) {
	return func(k string) (any, bool) {
		v, ok := m[k]
		return v, ok && v != nil
	}
}

func firstText(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// languageTag turns "en-us", "ja_JP" or "fr" into a BCP 47 tag: "en-US".
func languageTag(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	lang, region, ok := strings.Cut(s, "-")
	lang = strings.ToLower(lang)
	if !ok {
		return lang
	}
	if len(region) == 2 {
		region = strings.ToUpper(region)
	}
	return lang + "-" + region
}
