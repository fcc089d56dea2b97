package social

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hashtag returns the LinkedIn hashtag for a topic, or "" when the topic
// makes none (no letter in it). Words, split at anything that is not a
// letter or digit, are joined in camel case: "managing-up" and "Managing Up"
// give "#ManagingUp", "Manager’s role" gives "#ManagersRole". A word that
// already has capitals keeps them ("AI ethics" gives "#AIEthics"); accents
// are kept ("équipe" gives "#Équipe"). A leading "#" is ignored.
func Hashtag(topic string) string {
	var b strings.Builder
	b.Grow(len(topic) + 1)
	b.WriteByte('#')
	letter := false
	for _, word := range strings.FieldsFunc(topic, func(r rune) bool {
		// Apostrophes join rather than split: "Manager’s" is one word.
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isApostrophe(r)
	}) {
		lower := true
		for _, r := range word {
			if unicode.IsUpper(r) {
				lower = false
				break
			}
		}
		first := true
		for _, r := range word {
			if isApostrophe(r) {
				continue
			}
			if unicode.IsLetter(r) {
				letter = true
			}
			if first && lower {
				r = unicode.ToUpper(r)
			}
			first = false
			b.WriteRune(r)
		}
	}
	if !letter {
		return ""
	}
	return b.String()
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// hashtags returns the post's hashtags: the article's own first, then
// those made from its topics, then the site's (Options.Hashtags), which
// always join: topics give way to them so that the post has at most
// MaxHashtags. Duplicates are dropped (LinkedIn ignores case in hashtags).
func hashtags(a Article, o Options) ([]string, error) {
	if len(a.Hashtags) > MaxHashtags {
		return nil, fieldErr("linkedin.hashtags", "%d hashtags, at most %d", len(a.Hashtags), MaxHashtags)
	}
	var own, site []string
	for i, h := range a.Hashtags {
		tag := Hashtag(h)
		if tag == "" || !validAsWritten(h) {
			return nil, fieldErr("linkedin.hashtags["+strconv.Itoa(i)+"]", "%q is not a hashtag: use letters and digits, like \"#ManagingUp\"", h)
		}
		own = appendTag(own, tag, nil)
	}
	for i, h := range o.Hashtags {
		tag := Hashtag(h)
		if tag == "" || !validAsWritten(h) {
			return nil, fieldErr("hashtags["+strconv.Itoa(i)+"]", "%q is not a hashtag: use letters and digits, like \"#Leadership\"", h)
		}
		site = appendTag(site, tag, own)
	}
	site = site[:min(len(site), MaxHashtags-len(own))]
	tags := make([]string, 0, MaxHashtags)
	tags = append(tags, own...)
	room := MaxHashtags - len(own) - len(site)
	for _, t := range a.Topics {
		if room == 0 {
			break
		}
		if tag := Hashtag(t); tag != "" && !hasTag(site, tag) && !hasTag(tags, tag) {
			tags = append(tags, tag)
			room--
		}
	}
	return append(tags, site...), nil
}

// appendTag appends tag to tags unless it is in tags or in other already.
func appendTag(tags []string, tag string, other []string) []string {
	if hasTag(tags, tag) || hasTag(other, tag) {
		return tags
	}
	return append(tags, tag)
}

// hasTag reports whether tags holds tag in any case.
func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// validAsWritten reports whether a hand-written hashtag is a single tag:
// an optional "#", then letters, digits, and the separators Hashtag removes
// between words (so "managing up" is accepted as "#ManagingUp"), but no
// second '#' and nothing that is neither.
func validAsWritten(h string) bool {
	h = strings.TrimPrefix(strings.TrimSpace(h), "#")
	for _, r := range h {
		if r == '#' || r == utf8.RuneError || unicode.IsControl(r) {
			return false
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" -_’'", r) {
			return false
		}
	}
	return true
}
