package social

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// Presets returns the scheduling tools whose bulk-upload CSV ExportPreset
// writes, in the order `folio snippets --preset` lists them.
func Presets() []string { return []string{"buffer", "hootsuite"} }

// ExportPreset writes the posts, in the order given, as the bulk-upload CSV
// of a scheduling tool, every field quoted, rows ending in CRLF, UTF-8
// without a byte-order mark:
//
//   - buffer: Buffer's bulk uploader. A header row with the column names
//     Buffer asks for, exactly (they are case-sensitive): Text, Image URL,
//     Tags, Posting Time. Text is the post, Image URL the share card, Tags
//     (Buffer's own labels, not hashtags) empty, and Posting Time the
//     article's date as "2006-01-02 15:04" (24-hour, UTC) when it is after
//     now, else empty, which adds the post to the channel's queue.
//   - hootsuite: Hootsuite's bulk composer, which takes no header row and
//     three columns: the date and time as "02/01/2006 15:04" (24-hour, UTC;
//     choose the day/month/year format when uploading), the post text, and
//     an optional link, left empty because the link is in the text already
//     (or in the first comment). Hootsuite needs a date in the future on
//     every row: a post dated on or before now gets an empty date, to be
//     filled in before the upload, and its slug is returned in undated.
//
// Neither tool's CSV has a first-comment column: a post that keeps its link
// for the first comment needs that comment added by hand after the upload
// (folio snippets --format text shows it). The output depends only on the
// posts and now.
func ExportPreset(w io.Writer, posts []Post, preset string, now time.Time) (undated []string, err error) {
	bw := bufio.NewWriter(w)
	switch preset {
	case "buffer":
		csvRow(bw, []string{"Text", "Image URL", "Tags", "Posting Time"})
		for _, p := range posts {
			at := ""
			if p.Published.After(now) {
				at = p.Published.UTC().Format("2006-01-02 15:04")
			}
			csvRow(bw, []string{p.Text, p.Card.URL, "", at})
		}
	case "hootsuite":
		for _, p := range posts {
			at := ""
			if p.Published.After(now) {
				at = p.Published.UTC().Format("02/01/2006 15:04")
			} else {
				undated = append(undated, p.Slug)
			}
			csvRow(bw, []string{at, p.Text, ""})
		}
	default:
		return nil, fmt.Errorf("export snippets: unknown preset %q (use %s)", preset, strings.Join(Presets(), " or "))
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("export snippets for %s: %w", preset, err)
	}
	return undated, nil
}

// csvRow writes one CSV row, every field quoted, ending in CRLF. A cell a
// spreadsheet would run as a formula starts with a single quote (csvCell):
// these files are opened in Excel before they are uploaded, too.
func csvRow(w *bufio.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(csvCell(c), `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteString("\r\n")
}
