package social

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Formats returns the formats Export accepts, in the order `folio snippets
// --format` lists them.
func Formats() []string { return []string{"text", "csv", "json", "md"} }

// Record is one post as the json and csv exports write it: JSON objects
// with these keys, CSV columns with these headers in this order. Hashtags
// are joined with spaces in CSV; a zero date is "".
type Record struct {
	ID            string   `json:"id"` // canonical URL
	Slug          string   `json:"slug"`
	Title         string   `json:"title"`
	URL           string   `json:"url"`            // with UTM parameters
	DatePublished string   `json:"date_published"` // RFC 3339
	Hook          string   `json:"hook"`
	ContentText   string   `json:"content_text"` // the post
	Chars         int      `json:"chars"`
	Hashtags      []string `json:"hashtags"` // "#ManagingUp"
	Image         string   `json:"image"`
	ImageAlt      string   `json:"image_alt"`
	FirstComment  string   `json:"first_comment"` // the link's comment, when the post keeps it out of the text
}

// Columns returns the CSV headers: the JSON keys of Record, in order.
func Columns() []string {
	return []string{"id", "slug", "title", "url", "date_published", "hook", "content_text", "chars", "hashtags", "image", "image_alt", "first_comment"}
}

// NewRecord returns the export record of a post.
func NewRecord(p Post) Record {
	r := Record{
		ID: p.Canonical, Slug: p.Slug, Title: p.Title, URL: p.URL, Hook: p.Hook,
		ContentText: p.Text, Chars: p.Chars, Hashtags: p.Hashtags,
		Image: p.Card.URL, ImageAlt: p.Card.Alt, FirstComment: p.FirstComment,
	}
	if r.Hashtags == nil {
		r.Hashtags = []string{} // [] in JSON, never null
	}
	if !p.Published.IsZero() {
		r.DatePublished = p.Published.Format(time.RFC3339)
	}
	return r
}

// Fields returns the record as CSV cells, in the order of Columns.
func (r Record) Fields() []string {
	return []string{r.ID, r.Slug, r.Title, r.URL, r.DatePublished, r.Hook, r.ContentText,
		strconv.Itoa(r.Chars), strings.Join(r.Hashtags, " "), r.Image, r.ImageAlt, r.FirstComment}
}

// Export writes the posts, in the order given, in one of Formats:
//
//   - text: each post with its link, date and character counts, warnings
//     from Check, and a marker line where LinkedIn's "see more" fold falls;
//   - csv: UTF-8 with a byte-order mark, every field quoted, line breaks kept
//     inside fields, CRLF between rows: what Excel and Google Sheets open
//     correctly; a cell a spreadsheet would run as a formula ("=HYPERLINK…")
//     starts with a single quote (see csvCell);
//   - json: an array of Record objects;
//   - md: a section per post with its facts and the post in a code block,
//     which keeps its line breaks and copies verbatim.
func Export(w io.Writer, posts []Post, format string) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case "text":
		exportText(bw, posts)
	case "csv":
		exportCSV(bw, posts)
	case "json":
		err = exportJSON(bw, posts)
	case "md":
		exportMarkdown(bw, posts)
	default:
		return fmt.Errorf("export snippets: unknown format %q (use text, csv, json or md)", format)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("export snippets as %s: %w", format, err)
	}
	return nil
}

// FoldMarker is the line Export's text format puts where the fold falls.
const FoldMarker = "·············· see more ··············"

func exportText(w *bufio.Writer, posts []Post) {
	for i, p := range posts {
		if i > 0 {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, "=== %s\nlink:  %s\n", p.Title, p.URL)
		if !p.Published.IsZero() {
			fmt.Fprintf(w, "date:  %s\n", p.Published.Format(time.DateOnly))
		}
		fmt.Fprintf(w, "chars: %d of %d (hook %d of %d)\n", Count(p.Text), MaxPost, Count(p.Hook), MaxHook)
		for _, problem := range Check(p) {
			fmt.Fprintf(w, "warning: %s\n", problem)
		}
		w.WriteString("\n")
		fold := min(max(p.Fold, 0), len(p.Text))
		w.WriteString(p.Text[:fold])
		w.WriteString("\n" + FoldMarker + "\n")
		w.WriteString(strings.TrimLeft(p.Text[fold:], "\n"))
		w.WriteString("\n")
		if p.FirstComment != "" {
			w.WriteString("\nfirst comment:\n" + p.FirstComment + "\n")
		}
	}
}

func exportCSV(w *bufio.Writer, posts []Post) {
	w.WriteString("\uFEFF")
	csvRow(w, Columns())
	for _, p := range posts {
		csvRow(w, NewRecord(p).Fields())
	}
}

func exportJSON(w *bufio.Writer, posts []Post) error {
	records := make([]Record, len(posts))
	for i, p := range posts {
		records[i] = NewRecord(p)
	}
	b, err := marshal(records, "encode json")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func exportMarkdown(w *bufio.Writer, posts []Post) {
	for i, p := range posts {
		if i > 0 {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, "## %s\n\n", p.Title)
		fmt.Fprintf(w, "- Link: <%s>\n", p.URL)
		if !p.Published.IsZero() {
			fmt.Fprintf(w, "- Published: %s\n", p.Published.Format(time.DateOnly))
		}
		fmt.Fprintf(w, "- Characters: %d of %d (hook %d of %d)\n", Count(p.Text), MaxPost, Count(p.Hook), MaxHook)
		if len(p.Hashtags) > 0 {
			fmt.Fprintf(w, "- Hashtags: %s\n", strings.Join(p.Hashtags, " "))
		}
		if p.Card.URL != "" {
			fmt.Fprintf(w, "- Image: <%s> (%d×%d)\n", p.Card.URL, p.Card.Width, p.Card.Height)
		}
		for _, problem := range Check(p) {
			fmt.Fprintf(w, "- **Warning:** %s\n", problem)
		}
		fence := strings.Repeat("`", max(3, longestRun(p.Text, '`')+1))
		fmt.Fprintf(w, "\n%stext\n%s\n%s\n", fence, p.Text, fence)
		if p.FirstComment != "" {
			fence := strings.Repeat("`", max(3, longestRun(p.FirstComment, '`')+1))
			fmt.Fprintf(w, "\nFirst comment:\n\n%stext\n%s\n%s\n", fence, p.FirstComment, fence)
		}
	}
}

// longestRun returns the length of the longest run of c in s, so that a
// code fence can be longer than any run inside the block.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// marshal encodes v as indented JSON without HTML escaping ("&" stays "&",
// as in the post), ending in a newline.
func marshal(v any, op string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return b.Bytes(), nil
}
