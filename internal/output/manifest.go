package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ManifestName is the file folio writes at the top of every output folder it
// makes. It marks the folder as folio's and lists every file folio wrote
// there, so that folio replaces a folder only when it holds nothing else,
// and never deletes a file it did not write:
//
//	folio output 1
//	404.html
//	articles/a/index.html
//	…
//
// The first line is the header: "folio output 1" for a finished output,
// "folio staging 1" for a folder a build is still writing (its files are not
// listed). Then one slash-separated path per line, sorted. The manifest does
// not list itself.
const ManifestName = ".folio-manifest"

// Manifest headers.
const (
	headerOutput  = "folio output 1"
	headerStaging = "folio staging 1"
)

// manifest is what a manifest file says.
type manifest struct {
	staging bool
	files   []string
}

// readManifest reads the manifest of the folder dir. It returns
// fs.ErrNotExist (wrapped) when dir has none.
func readManifest(dir string) (manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return manifest{}, err
	}
	header, rest, _ := bytes.Cut(data, []byte("\n"))
	var m manifest
	switch string(header) {
	case headerOutput:
	case headerStaging:
		m.staging = true
	default:
		return manifest{}, fmt.Errorf("%s: not a folio manifest (first line %q)", filepath.Join(dir, ManifestName), header)
	}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		p := sc.Text()
		if p == "" {
			continue
		}
		if !fs.ValidPath(p) || p == "." || p == ManifestName {
			return manifest{}, fmt.Errorf("%s: %q is not a path inside the folder", filepath.Join(dir, ManifestName), p)
		}
		m.files = append(m.files, p)
	}
	if err := sc.Err(); err != nil {
		return manifest{}, fmt.Errorf("read %s: %w", filepath.Join(dir, ManifestName), err)
	}
	return m, nil
}

// writeManifest writes the manifest of dir, listing files (sorted here).
// It writes a temporary file and renames it, so a reader sees the old or
// the new manifest, never half of one.
func writeManifest(dir string, staging bool, files []string) error {
	sort.Strings(files)
	var b strings.Builder
	if staging {
		b.WriteString(headerStaging)
	} else {
		b.WriteString(headerOutput)
	}
	b.WriteByte('\n')
	for _, f := range files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	tmp := filepath.Join(dir, ManifestName+".tmp")
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write the output's manifest: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, ManifestName)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write the output's manifest: %w", err)
	}
	return nil
}

// ForeignError reports an output folder that folio will not replace: it
// holds files folio did not write.
type ForeignError struct {
	Dir     string
	Foreign []string // some of the paths folio did not write, sorted
	More    int      // how many more there are
	Marked  bool     // the folder has a manifest: it is folio's, with files added
}

func (e *ForeignError) Error() string {
	list := strings.Join(e.Foreign, ", ")
	if e.More > 0 {
		list += fmt.Sprintf(" and %d more", e.More)
	}
	if e.Marked {
		return fmt.Sprintf("output folder %s holds %s, which folio did not write: folio replaces the whole folder and never deletes what it did not write; move these files out of it, or choose another --out", e.Dir, list)
	}
	return fmt.Sprintf("output folder %s is not empty and is not a folio output (it has no %s): it holds %s; folio never deletes what it did not write, so empty or remove the folder yourself, or choose another --out", e.Dir, ManifestName, list)
}

// maxListed is how many foreign files an error names.
const maxListed = 5

// checkReplaceable returns nil when dir may be replaced by a new output: it
// does not exist, or is an empty folder, or is a folio output holding only
// the files its manifest lists (and the folders they are in). Otherwise it
// returns a *ForeignError, or the error that kept it from looking.
func checkReplaceable(dir string) error {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look at output folder: %w", err)
	}
	if !info.IsDir() {
		what := "a file"
		if info.Mode()&fs.ModeSymlink != 0 {
			what = "a symbolic link"
		}
		return fmt.Errorf("output folder %s is %s, not a folder: folio never deletes what it did not write; remove it yourself, or choose another --out", dir, what)
	}
	m, err := readManifest(dir)
	marked := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	foreign, err := foreignFiles(dir, m.files, m.staging)
	if err != nil {
		return err
	}
	if len(foreign) == 0 {
		return nil
	}
	e := &ForeignError{Dir: dir, Marked: marked}
	e.Foreign = foreign[:min(len(foreign), maxListed)]
	e.More = len(foreign) - len(e.Foreign)
	return e
}

// foreignFiles lists what dir holds that the manifest's files do not
// account for: other files, and folders that hold none of the listed files.
// A staging folder's manifest lists nothing; everything in it is folio's.
func foreignFiles(dir string, listed []string, staging bool) ([]string, error) {
	if staging {
		return nil, nil
	}
	files := make(map[string]bool, len(listed))
	folders := map[string]bool{}
	for _, p := range listed {
		files[p] = true
		for d := filepath.Dir(filepath.FromSlash(p)); d != "."; d = filepath.Dir(d) {
			if folders[filepath.ToSlash(d)] {
				break
			}
			folders[filepath.ToSlash(d)] = true
		}
	}
	var foreign []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel := filepath.ToSlash(p[len(dir)+1:])
		switch {
		case d.IsDir():
			if !folders[rel] {
				foreign = append(foreign, rel+"/")
				return fs.SkipDir
			}
		case rel == ManifestName || rel == ManifestName+".tmp":
		case !files[rel]:
			foreign = append(foreign, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look at output folder: %w", err)
	}
	sort.Strings(foreign)
	return foreign, nil
}

// removeOutput removes a folder folio made: a staging folder whole, an
// output file by file as its manifest lists them, then the folders left
// empty. Whatever else it holds is left in place and reported.
func removeOutput(dir string) error {
	m, err := readManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		// An empty folder replaced by the first build.
		if err := os.Remove(dir); err != nil {
			return fmt.Errorf("left %s in place: %w", dir, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("remove %s: %w", dir, err)
	}
	if m.staging {
		return os.RemoveAll(dir)
	}
	var errs []error
	for _, p := range m.files {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	// Folders deepest first, so that a parent is empty when its turn comes.
	var dirs []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	os.Remove(filepath.Join(dir, ManifestName))
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i]) // fails, as it should, for a folder that is not empty
	}
	if _, err := os.Lstat(dir); err == nil {
		foreign, _ := foreignFiles(dir, nil, false)
		errs = append(errs, fmt.Errorf("left %s in place: it holds files folio did not write (%s)", dir, strings.Join(foreign[:min(len(foreign), maxListed)], ", ")))
	}
	return errors.Join(errs...)
}
