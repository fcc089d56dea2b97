package social

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestExportCSVEqualsJSON reads the CSV back with encoding/csv, as a
// spreadsheet would, and checks it holds exactly what the JSON export holds.
func TestExportCSVEqualsJSON(t *testing.T) {
	posts := feedPosts(t)
	posts[1].Text = "A \"quoted\" line,\nwith a comma and a line break."
	var c, j bytes.Buffer
	if err := Export(&c, posts, "csv"); err != nil {
		t.Fatal(err)
	}
	if err := Export(&j, posts, "json"); err != nil {
		t.Fatal(err)
	}
	raw := c.Bytes()
	if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF\"id\",\"slug\",")) {
		t.Fatalf("CSV does not start with a BOM and quoted headers: %q", raw[:min(len(raw), 30)])
	}
	if !bytes.Contains(raw, []byte("\"\r\n\"")) || bytes.Count(raw, []byte("\r\n")) != 3 {
		t.Errorf("want CRLF after each of the 3 rows and only there:\n%q", raw)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var records []map[string]any
	if err := json.Unmarshal(j.Bytes(), &records); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], Columns()) || len(rows) != len(records)+1 {
		t.Fatalf("CSV header %q and %d rows; want %q and %d", rows[0], len(rows)-1, Columns(), len(records))
	}
	for i, rec := range records {
		if len(rec) != len(Columns()) {
			t.Errorf("JSON record %d has keys %v, want %v", i, rec, Columns())
		}
		for k, col := range rows[0] {
			var want string
			switch v := rec[col].(type) {
			case string:
				want = v
			case float64:
				want = strconv.Itoa(int(v))
			case []any:
				var parts []string
				for _, p := range v {
					parts = append(parts, p.(string))
				}
				want = strings.Join(parts, " ")
			default:
				t.Fatalf("JSON %s is %T", col, v)
			}
			if got := rows[i+1][k]; got != want {
				t.Errorf("row %d %s: CSV %q, JSON %q", i, col, got, want)
			}
		}
	}
	if rows[2][6] != posts[1].Text || rows[1][6] != posts[0].Text {
		t.Errorf("content_text not kept with its line breaks and quotes: %q", rows[2][6])
	}
}

func TestExportJSONFields(t *testing.T) {
	posts := feedPosts(t)
	var j bytes.Buffer
	if err := Export(&j, posts, "json"); err != nil {
		t.Fatal(err)
	}
	var got []Record
	if err := json.Unmarshal(j.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	p := posts[0]
	want := Record{
		ID: p.Canonical, Slug: p.Slug, Title: p.Title, URL: p.URL, DatePublished: "2025-02-18T09:00:00Z",
		Hook: p.Hook, ContentText: p.Text, Chars: p.Chars, Hashtags: p.Hashtags, Image: p.Card.URL, ImageAlt: p.Card.Alt,
	}
	if g := got[0]; g.ID != want.ID || g.Slug != want.Slug || g.Title != want.Title || g.URL != want.URL ||
		g.DatePublished != want.DatePublished || g.Hook != want.Hook || g.ContentText != want.ContentText ||
		g.Chars != want.Chars || !slices.Equal(g.Hashtags, want.Hashtags) || g.Image != want.Image || g.ImageAlt != want.ImageAlt {
		t.Errorf("record = %+v\nwant %+v", g, want)
	}
	if bytes.Contains(j.Bytes(), []byte(`\u0026`)) {
		t.Error("JSON escapes & as \\u0026; want the character, as in the post")
	}
	var empty bytes.Buffer
	if err := Export(&empty, []Post{{Title: "x"}}, "json"); err != nil || !bytes.Contains(empty.Bytes(), []byte(`"hashtags": []`)) {
		t.Errorf("a post without hashtags exports %s, want \"hashtags\": []", empty.Bytes())
	}
}

func TestExportText(t *testing.T) {
	posts := feedPosts(t)
	posts[1].Hashtags = posts[1].Hashtags[:1] // too few: a warning
	var b bytes.Buffer
	if err := Export(&b, posts, "text"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	p := posts[0]
	wantLines := []string{
		"=== " + p.Title,
		"link:  " + p.URL,
		"date:  2025-02-18",
		"chars: " + strconv.Itoa(p.Chars) + " of 3000 (hook 68 of 140)",
		p.Hook + "\n" + FoldMarker + "\n• Understand your manager’s expectations\n",
		"warning: 1 hashtags; use 3 to 5",
	}
	for _, w := range wantLines {
		if !strings.Contains(out, w) {
			t.Errorf("text export lacks %q:\n%s", w, out)
		}
	}
	if strings.Count(out, FoldMarker) != 2 || strings.Count(out, "warning:") != 1 {
		t.Errorf("want one fold marker per post and one warning:\n%s", out)
	}
}

func TestExportMarkdown(t *testing.T) {
	posts := feedPosts(t)
	posts[1].Text = "Code: ```go``` inside"
	var b bytes.Buffer
	if err := Export(&b, posts, "md"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, w := range []string{
		"## 7 Tips to Get Your Manager to Trust You\n\n- Link: <" + posts[0].URL + ">\n- Published: 2025-02-18\n",
		"- Hashtags: #Trust #Micromanagement #ManagingUp #Communication #Feedback\n",
		"- Image: <" + posts[0].Card.URL + "> (1200×627)\n",
		"\n```text\n" + posts[0].Text + "\n```\n",
		"\n````text\nCode: ```go``` inside\n````\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("markdown export lacks %q:\n%s", w, out)
		}
	}
}

func TestExportUnknownFormat(t *testing.T) {
	var b bytes.Buffer
	err := Export(&b, nil, "xml")
	if err == nil || !strings.Contains(err.Error(), `"xml"`) || b.Len() != 0 {
		t.Errorf("Export(xml) = %v, wrote %d bytes; want an error naming the format and nothing written", err, b.Len())
	}
	for _, f := range Formats() {
		if err := Export(&b, nil, f); err != nil {
			t.Errorf("Export(%s) of no posts: %v", f, err)
		}
	}
}
