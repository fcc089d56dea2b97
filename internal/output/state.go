package output

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/peeplcoach/folio/internal/key"
)

// State is what folio knows it wrote into an output folder: the key of the
// job that made each file. The next folio build of the same site compares
// its jobs' keys with it and writes only the files whose key changed, each
// staged and renamed into place, instead of writing 50,000 files into a new
// folder. It lives in the cache folder, not in the output, so the output
// holds only the site (and the manifest that marks it as folio's).
//
// The state file doubles as the journal of an update in place: Begin marks
// it as being written before the first file changes, Save marks it complete
// afterwards. A build killed in between leaves it marked, and the next build
// trusts none of it and builds the folder anew.
//
// Its format, one entry per line after the header:
//
//	folio output state 1 complete <folder id>
//	<hex key> <slash-separated path>
type State struct {
	file string // in the cache folder
	dir  string // the output folder
}

const stateHeader = "folio output state 1"

// OpenState returns the state of the output folder dir, kept in cacheDir.
func OpenState(cacheDir, dir string) (*State, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	name := "output-" + key.Of(abs).String()[:16] + ".state"
	return &State{file: filepath.Join(cacheDir, name), dir: abs}, nil
}

// Load returns the keys of the files folio wrote into the folder, when the
// state is complete and describes the folder that is there now; ok is false
// otherwise (no state, an interrupted update, a folder made anew since).
func (s *State) Load() (files map[string]key.Sum, ok bool) {
	data, err := os.ReadFile(s.file)
	if err != nil {
		return nil, false
	}
	header, rest, _ := bytes.Cut(data, []byte("\n"))
	id, err := folderID(s.dir)
	if err != nil || string(header) != stateHeader+" complete "+id {
		return nil, false
	}
	files = map[string]key.Sum{}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		hexKey, p, found := strings.Cut(sc.Text(), " ")
		var k key.Sum
		if n, err := hex.Decode(k[:], []byte(hexKey)); !found || err != nil || n != len(k) || !fs.ValidPath(p) {
			return nil, false
		}
		files[p] = k
	}
	return files, sc.Err() == nil
}

// Begin marks the state as being written: until Save, it describes nothing.
func (s *State) Begin() error {
	return s.write(stateHeader+" writing\n", nil)
}

// Save records the keys of the files the folder holds now, as complete.
func (s *State) Save(files map[string]key.Sum) error {
	id, err := folderID(s.dir)
	if err != nil {
		return fmt.Errorf("record the output's state: %w", err)
	}
	return s.write(stateHeader+" complete "+id+"\n", files)
}

func (s *State) write(header string, files map[string]key.Sum) error {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b bytes.Buffer
	b.Grow(len(header) + len(paths)*80)
	b.WriteString(header)
	for _, p := range paths {
		k := files[p]
		b.WriteString(hex.EncodeToString(k[:]))
		b.WriteByte(' ')
		b.WriteString(p)
		b.WriteByte('\n')
	}
	tmp := s.file + ".tmp-" + fmt.Sprint(os.Getpid())
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("record the output's state: %w", err)
	}
	if err := os.Rename(tmp, s.file); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("record the output's state: %w", err)
	}
	return nil
}

// manifestName is the file that marks a folder as folio's output, listing
// the files folio wrote there ("folio output 1", then one path a line,
// sorted). An update in place keeps it in step with what it wrote.
const manifestName = ".folio-manifest"

// UpdateManifest rewrites the output folder's manifest, when it has one, to
// list files.
func UpdateManifest(dir string, files []string) error {
	p := filepath.Join(dir, manifestName)
	if _, err := os.Stat(p); err != nil {
		return nil
	}
	sort.Strings(files)
	var b strings.Builder
	b.WriteString("folio output 1\n")
	for _, f := range files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write the output's manifest: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write the output's manifest: %w", err)
	}
	return nil
}

// CheckInPlace prepares an update in place of the output folder target (of
// the site in src): it refuses what NewStaging refuses (a folder holding the
// sources, or files folio did not write), and removes the staging and old
// folders that killed builds left beside it.
func CheckInPlace(target, src string) error {
	target, err := filepath.Abs(target)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if err := checkTarget(target, src); err != nil {
		return err
	}
	if err := checkReplaceable(target); err != nil {
		return err
	}
	removeStale(target)
	return nil
}
