package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/peeplcoach/folio/internal/content"
)

// ExternalOptions say how External fetches links.
type ExternalOptions struct {
	Client  *http.Client     // nil: a client of its own
	Timeout time.Duration    // per request; 0 means 10 seconds
	Workers int              // hosts checked at once; 0 means 8
	PerHost time.Duration    // the least time between two requests to one host; 0 means 1 second
	MaxAge  time.Duration    // how long a good result is trusted; 0 means a day
	Now     func() time.Time // time.Now if nil: decides what in the cache is fresh
	Cache   LinkCache        // results of earlier runs; updated with this run's; may be nil
}

// LinkCache keeps the results of External between runs, by URL. It is a
// plain map so that the caller loads and saves it (see ReadLinkCache and
// Write); External only reads and adds entries, from one goroutine.
type LinkCache map[string]LinkResult

// LinkResult is what fetching a URL gave.
type LinkResult struct {
	Checked time.Time `json:"checked"`
	Status  int       `json:"status,omitempty"` // the HTTP status, 0 when no answer came
	Err     string    `json:"error,omitempty"`  // why no answer came
}

// ok reports whether the link works. A site that turns robots away (401,
// 403, 429, or LinkedIn's 999) may well work for readers: it is not
// reported.
func (r LinkResult) ok() bool {
	switch {
	case r.Err != "":
		return false
	case r.Status < 400, r.Status == 401, r.Status == 403, r.Status == 429, r.Status == 999:
		return true
	}
	return false
}

// ReadLinkCache reads a cache written by Write. A cache that does not parse
// is a cache with nothing in it: the links are checked again.
func ReadLinkCache(r io.Reader) LinkCache {
	c := LinkCache{}
	if err := json.NewDecoder(r).Decode(&c); err != nil {
		return LinkCache{}
	}
	return c
}

// Write writes the cache as JSON, its URLs in order.
func (c LinkCache) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(c) // encoding/json sorts map keys
}

// External fetches every external link (HEAD, then GET when a server does
// not answer HEAD) and reports those that are dead — no answer, or a status
// of 404, 410 or 5xx — at every place that uses them. Hosts are checked
// concurrently, at most Workers at a time; requests to one host are
// PerHost apart, so no site is hammered. A link that worked less than
// MaxAge ago, by the cache, is not fetched again; one that failed always is,
// so a passing outage does not linger. Results are added to o.Cache.
func External(ctx context.Context, refs []ExternalRef, o ExternalOptions) []*content.Error {
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.PerHost == 0 {
		o.PerHost = time.Second
	}
	if o.MaxAge == 0 {
		o.MaxAge = 24 * time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	now := o.Now()

	// Group what needs fetching by host; the rest the cache answers.
	byHost := map[string][]string{}
	results := map[string]LinkResult{}
	for _, r := range refs {
		if prev, ok := o.Cache[r.URL]; ok && prev.ok() && now.Sub(prev.Checked) < o.MaxAge {
			results[r.URL] = prev
			continue
		}
		host := r.URL
		if u, err := url.Parse(r.URL); err == nil {
			host = u.Host
		}
		byHost[host] = append(byHost[host], r.URL)
	}
	hosts := make([]string, 0, len(byHost))
	for h := range byHost {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)

	// One goroutine per host, Workers of them at once; each returns its
	// results on the channel, which this goroutine alone reads.
	type result struct {
		url string
		res LinkResult
	}
	out := make(chan result)
	sem := make(chan struct{}, o.Workers)
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		go func(urls []string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			for i, u := range urls {
				if i > 0 {
					select {
					case <-time.After(o.PerHost):
					case <-ctx.Done():
						return
					}
				}
				out <- result{u, fetch(ctx, o.Client, o.Timeout, u, o.Now)}
			}
		}(byHost[h])
	}
	go func() { wg.Wait(); close(out) }()
	for r := range out {
		results[r.url] = r.res
		if o.Cache != nil {
			o.Cache[r.url] = r.res
		}
	}

	var findings []*content.Error
	for _, r := range refs {
		res, ok := results[r.URL]
		if !ok || res.ok() {
			continue // not checked: the run was cancelled
		}
		what := "link"
		if r.Image {
			what = "image"
		}
		reason := res.Err
		if reason == "" {
			reason = fmt.Sprintf("%d %s", res.Status, http.StatusText(res.Status))
		}
		for _, w := range r.Where {
			findings = append(findings, &content.Error{Path: w.Path, Line: w.Line, Err: fmt.Errorf("%s to %s is dead: %s", what, r.URL, reason)})
		}
	}
	return collapsePages(findings)
}

// userAgent names folio to the sites it checks.
const userAgent = "folio-check/1 (link checker; +https://github.com/peeplcoach/folio)"

// fetch requests u with HEAD, and with GET when the server refuses HEAD.
func fetch(ctx context.Context, client *http.Client, timeout time.Duration, u string, now func() time.Time) LinkResult {
	status, err := request(ctx, client, timeout, http.MethodHead, u)
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented || status == http.StatusForbidden || status == http.StatusNotFound || status == http.StatusBadRequest) {
		// Some servers answer HEAD wrongly; GET is what a reader does.
		status, err = request(ctx, client, timeout, http.MethodGet, u)
	}
	res := LinkResult{Checked: now().UTC(), Status: status}
	if err != nil {
		res.Status = 0
		res.Err = describe(err)
	}
	return res
}

func request(ctx context.Context, client *http.Client, timeout time.Duration, method, u string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	// Read a little, so that the connection can be reused, but never a
	// whole large page.
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// describe says why a request got no answer, without Go's wrapping.
func describe(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer within the timeout"
	}
	return strings.TrimSpace(err.Error())
}
