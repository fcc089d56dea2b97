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

// hashtags returns the post's hashtags: the article's own first, then those
// made from its topics, then the site's until there are MinHashtags; at most
// MaxHashtags, without duplicates (LinkedIn ignores case in hashtags).
func hashtags(a Article, o Options) ([]string, error) {
	if len(a.Hashtags) > MaxHashtags {
		return nil, fieldErr("linkedin.hashtags", "%d hashtags, at most %d", len(a.Hashtags), MaxHashtags)
	}
	tags := make([]string, 0, MaxHashtags)
	add := func(tag string) {
		if tag == "" || len(tags) == MaxHashtags {
			return
		}
		for _, t := range tags {
			if strings.EqualFold(t, tag) {
				return
			}
		}
		tags = append(tags, tag)
	}
	for i, h := range a.Hashtags {
		tag := Hashtag(h)
		if tag == "" || !validAsWritten(h) {
			return nil, fieldErr("linkedin.hashtags["+strconv.Itoa(i)+"]", "%q is not a hashtag: use letters and digits, like \"#ManagingUp\"", h)
		}
		add(tag)
	}
	for _, t := range a.Topics {
		add(Hashtag(t))
	}
	for _, h := range o.Hashtags {
		if len(tags) >= MinHashtags {
			break
		}
		add(Hashtag(h))
	}
	return tags, nil
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
