package social

import (
	"fmt"
	"strings"
)

// Check returns the ways a post breaks LinkedIn's limits or this package's
// rules, one human-readable sentence each, for warnings; nil when it has
// none. Compose never returns a post over the limits, but a post may have
// fewer hashtags than MinHashtags or, written by hand, no link (in the text
// or in its first comment).
func Check(p Post) []string {
	var problems []string
	if n := Count(p.Text); n > MaxPost {
		problems = append(problems, fmt.Sprintf("the post is %d characters; LinkedIn allows %d", n, MaxPost))
	}
	if n := Count(p.Hook); n > MaxHook {
		problems = append(problems, fmt.Sprintf("the hook is %d characters; only %d show before \"see more\"", n, MaxHook))
	}
	if !strings.HasPrefix(p.Text, p.Hook) {
		problems = append(problems, "the post does not start with its hook")
	}
	if err := checkPlain(p.Text); err != nil {
		problems = append(problems, "the post is "+err.Error())
	}
	if n := len(p.Hashtags); n < MinHashtags || n > MaxHashtags {
		problems = append(problems, fmt.Sprintf("%d hashtags; use %d to %d (add topics or linkedin.hashtags)", n, MinHashtags, MaxHashtags))
	}
	if p.URL != "" && !strings.Contains(p.Text, p.URL) && !strings.Contains(p.Text, p.Canonical) && !strings.Contains(p.FirstComment, p.URL) {
		problems = append(problems, "the post has no link to the article")
	}
	return problems
}
