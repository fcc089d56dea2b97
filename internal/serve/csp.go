package serve

import (
	"slices"
	"strings"
)

// cspBlocksReload explains how a Content-Security-Policy would stop live
// reload, or returns "". The reload script is a same-origin file (script-src
// must allow 'self'), and it listens on a same-origin event stream
// (connect-src must allow 'self'); the error overlay is styled through the
// CSSOM, which style-src does not restrict.
func cspBlocksReload(csp string) string {
	directives := map[string][]string{}
	// Only the first policy of a comma-separated list matters here: every
	// policy must allow the request, and the first is the usual culprit.
	policy, _, _ := strings.Cut(csp, ",")
	for d := range strings.SplitSeq(policy, ";") {
		fields := strings.Fields(d)
		if len(fields) == 0 {
			continue
		}
		name := strings.ToLower(fields[0])
		if _, seen := directives[name]; !seen { // the first occurrence wins
			directives[name] = fields[1:]
		}
	}
	var problems []string
	if !allowsSelf(directives, true, "script-src-elem", "script-src", "default-src") {
		problems = append(problems, "its script-src does not allow 'self'")
	}
	if !allowsSelf(directives, false, "connect-src", "default-src") {
		problems = append(problems, "its connect-src does not allow 'self'")
	}
	if len(problems) == 0 {
		return ""
	}
	return "the Content-Security-Policy blocks live reload: " + strings.Join(problems, " and ") + "; pages will not update by themselves"
}

// allowsSelf reports whether the first directive present among fallbacks
// allows same-origin URLs; no directive at all allows everything. For
// scripts, 'strict-dynamic' makes browsers ignore 'self'.
func allowsSelf(directives map[string][]string, script bool, fallbacks ...string) bool {
	for _, name := range fallbacks {
		sources, ok := directives[name]
		if !ok {
			continue
		}
		lower := make([]string, len(sources))
		for i, s := range sources {
			lower[i] = strings.ToLower(s)
		}
		if script && slices.Contains(lower, "'strict-dynamic'") {
			return false
		}
		return slices.ContainsFunc(lower, func(s string) bool {
			return s == "'self'" || s == "*" || s == "http:" || s == "http://localhost:*" || s == "http://127.0.0.1:*"
		})
	}
	return true
}
