package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v2"
)

// ParseYAML reads a YAML settings file (such as content/site.yaml) with a YAML
// parser, strictly: a key given twice in one map is an error, as are bytes
// that are not UTF-8. Errors are *Error at the line of the file; the returned
// map gives the line of every key, nested keys joined with dots
// ("author.name"), as front matter's KeyLines does.
func (c *Converter) ParseYAML(src []byte) (map[string]any, map[string]int, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if err := checkUTF8(src); err != nil {
		return nil, nil, err
	}
	var values map[string]any
	if err := yaml.UnmarshalStrict(src, &values); err != nil {
		return nil, nil, settingsError(err)
	}
	if values == nil {
		values = map[string]any{}
	}
	return values, keyLines(src), nil
}

var (
	yamlLineMsg   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlUnmarshal = regexp.MustCompile(`line (\d+): (.*)`)
)

// settingsError turns a YAML error into an *Error at its line.
func settingsError(err error) *Error {
	msg := strings.TrimSpace(err.Error())
	if m := yamlLineMsg.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{Line: n, Msg: "not valid YAML: " + m[2]}
	}
	// "yaml: unmarshal errors:\n  line 3: key "title" already set in map":
	// the first problem is enough to act on.
	if m := yamlUnmarshal.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		if dup := duplicateKey.FindStringSubmatch(m[0]); dup != nil {
			return &Error{Line: n, Msg: fmt.Sprintf("the key %q is given twice in the same map: YAML would keep the last one silently; keep one", dup[2])}
		}
		if strings.Contains(m[2], "cannot unmarshal") {
			return &Error{Line: n, Msg: "the settings must be a map of keys (title: …, base_url: …)"}
		}
		return &Error{Line: n, Msg: "not valid YAML: " + m[2]}
	}
	return &Error{Line: 1, Msg: "not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// keyLines finds the line of every key of a YAML file with the line scan
// front matter uses.
func keyLines(src []byte) map[string]int {
	wrapped := make([]byte, 0, len(src)+10)
	wrapped = append(wrapped, "---\n"...)
	wrapped = append(wrapped, src...)
	if len(src) > 0 && src[len(src)-1] != '\n' {
		wrapped = append(wrapped, '\n')
	}
	wrapped = append(wrapped, "---\n"...)
	fm, _ := scanFrontMatter(wrapped)
	lines := make(map[string]int, len(fm.keyLines))
	for k, l := range fm.keyLines {
		lines[k] = l - 1 // the line the wrapping added
	}
	return lines
}
