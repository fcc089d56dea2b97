package build

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/i18n"
)

// siteStrings returns the interface strings of the site's language: folio's
// own, with the site's i18n/<lang>.yaml on top when it has one (i18n/de-CH.yaml
// for "de-CH", else i18n/de.yaml). A file that cannot be read or parsed is an
// error naming it, and the build goes on with folio's strings so that every
// other problem is reported too.
func siteStrings(fsys fs.FS, lang string, probs *content.Problems) *i18n.Catalog {
	if lang == "" {
		lang = "en"
	}
	names := []string{"i18n/" + lang + ".yaml"}
	if base := i18n.Base(lang); base != lang {
		names = append(names, "i18n/"+base+".yaml")
	}
	var override []byte
	var file string
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			probs.Errors = append(probs.Errors, &content.Error{Path: name, Err: err})
			break
		}
		override, file = data, name
		break
	}
	c, err := i18n.New(lang, override, file)
	if err != nil {
		// i18n names the file in its message; the problem names it already.
		msg := strings.TrimPrefix(err.Error(), file+": ")
		probs.Errors = append(probs.Errors, &content.Error{Path: file, Err: errors.New(msg)})
		c, _ = i18n.New(lang, nil, "")
	}
	return c
}

// siteStringFiles returns the content of the site's i18n/<lang>.yaml files by
// language, for Markdown's callout titles and video labels in each page's own
// language. A file that cannot be read is left out: siteStrings reports it.
func siteStringFiles(fsys fs.FS) map[string][]byte {
	names, _ := fs.Glob(fsys, "i18n/*.yaml")
	if len(names) == 0 {
		return nil
	}
	files := map[string][]byte{}
	for _, name := range names {
		if data, err := fs.ReadFile(fsys, name); err == nil {
			files[strings.TrimSuffix(strings.TrimPrefix(name, "i18n/"), ".yaml")] = data
		}
	}
	return files
}
