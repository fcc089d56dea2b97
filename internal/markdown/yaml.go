package markdown

import (
	"bytes"
)

// ParseYAML reads a YAML settings file (such as content/site.yaml) with the same
// reader as front matter, so that its errors and key lines read the same way.
// Lines are those of the settings file.
func (c *Converter) ParseYAML(src []byte) (map[string]any, map[string]int, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	// Wrapping the file in separators makes it front matter; every line moves
	// down by one, which is undone below.
	wrapped := make([]byte, 0, len(src)+10)
	wrapped = append(wrapped, "---\n"...)
	wrapped = append(wrapped, src...)
	if len(src) > 0 && src[len(src)-1] != '\n' {
		wrapped = append(wrapped, '\n')
	}
	wrapped = append(wrapped, "---\n"...)
	doc, err := c.Convert(wrapped)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, nil, &Error{Line: max(e.Line-1, 1), Msg: e.Msg}
		}
		return nil, nil, err
	}
	lines := make(map[string]int, len(doc.KeyLines))
	for k, l := range doc.KeyLines {
		lines[k] = l - 1
	}
	if doc.FrontMatter == nil {
		doc.FrontMatter = map[string]any{}
	}
	return doc.FrontMatter, lines, nil
}
