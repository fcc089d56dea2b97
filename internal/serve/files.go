package serve

import (
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/urlpath"
)

// contentTypes fixes the types of the files a site is made of, rather than
// trusting the machine's mime.types, which differs between machines (and
// lacks .webmanifest on many).
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".mp3":         "audio/mpeg",
	".wasm":        "application/wasm",
	".zip":         "application/zip",
}

// contentType returns the Content-Type for a file name; "" lets the caller
// sniff the content.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

func isHTML(name string) bool {
	return strings.HasPrefix(contentType(name), "text/html")
}

// lookup is what a URL path names in the output folder.
type lookup int

const (
	notFound   lookup = iota
	found             // a file, or a folder's index.html
	needsSlash        // a folder with an index.html asked for without the trailing slash
)

// resolve maps a clean URL path to a file name inside the output root (slash
// separated), with the mapping the build writes by (package urlpath): "/a/"
// is a/index.html. A folder asked for without its slash answers needsSlash;
// folders are never listed; os.Root refuses any name, symlinks included, that
// leads out of the folder.
func resolve(root *os.Root, urlPath string) (string, lookup) {
	name := urlpath.File(urlPath)
	if regular(root, name) {
		return name, found
	}
	if !strings.HasSuffix(urlPath, "/") {
		if index := urlpath.File(urlPath + "/"); regular(root, index) {
			return index, needsSlash
		}
	}
	return "", notFound
}

// regular reports whether name is a regular file of root: not a folder, a
// device or a pipe.
func regular(root *os.Root, name string) bool {
	info, err := root.Stat(filepath.FromSlash(name))
	return err == nil && info.Mode().IsRegular()
}

// serveFile writes one file from the root with the given status. HTML gets
// the reload tag; anything else is streamed, with range requests for a 200.
func (s *handler) serveFile(w http.ResponseWriter, r *http.Request, root *os.Root, name string, status int, version string) {
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		s.notFound(w, r, root)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		s.notFound(w, r, root)
		return
	}
	// A Content-Type of the netlify.toml rules (application/atom+xml for
	// the feed) wins over the type of the extension, as on Netlify.
	ctype := w.Header().Get("Content-Type")
	if ctype == "" {
		ctype = contentType(name)
	}
	if ctype == "" {
		var head [512]byte
		n, _ := io.ReadFull(f, head[:])
		ctype = http.DetectContentType(head[:n])
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			http.Error(w, "cannot read file", http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", ctype)
	if isHTML(name) && strings.HasPrefix(ctype, "text/html") {
		page, err := readAll(f, info.Size())
		if err != nil {
			http.Error(w, "cannot read file", http.StatusInternalServerError)
			return
		}
		writeInjected(w, r, page, status, version)
		return
	}
	if status == http.StatusOK {
		// No modification time: with no-store there is nothing to revalidate.
		http.ServeContent(w, r, name, time.Time{}, f)
		return
	}
	w.Header().Set("Content-Length", strconv.FormatInt(info.Size(), 10))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, f)
	}
}

// writeInjected writes an HTML page with the reload tag added, without
// copying the page: three writes under a Content-Length that counts the tag.
func writeInjected(w http.ResponseWriter, r *http.Request, page []byte, status int, version string) {
	tag := reloadTag(version)
	at := injectAt(page)
	w.Header().Set("Content-Length", strconv.Itoa(len(page)+len(tag)))
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(page[:at])
	_, _ = w.Write(tag)
	_, _ = w.Write(page[at:])
}

// fallback404 is served, with the reload tag, when the site has no
// 404.html, e.g. before the first successful build: the page still shows the
// build error and reloads once the build works.
const fallback404 = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found</title><body><h1>Not found</h1><p>Nothing is published at this address.</p></body></html>`

// notFound answers 404 with the site's 404.html.
func (s *handler) notFound(w http.ResponseWriter, r *http.Request, root *os.Root) {
	version := s.hub.version()
	if root != nil {
		if f, err := root.Open("404.html"); err == nil {
			var page []byte
			info, err := f.Stat()
			if err == nil {
				page, err = readAll(f, info.Size())
			}
			f.Close()
			if err == nil {
				w.Header().Set("Content-Type", contentTypes[".html"])
				writeInjected(w, r, page, http.StatusNotFound, version)
				return
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			s.logf("serve: open 404.html: %v", err)
		}
	}
	w.Header().Set("Content-Type", contentTypes[".html"])
	writeInjected(w, r, []byte(fallback404), http.StatusNotFound, version)
}

// readAll reads a file in one allocation when its size is as stated (one
// byte more so that EOF needs no growth); a file growing meanwhile is read
// whole all the same.
func readAll(f *os.File, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
