package output

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/peeplcoach/folio/internal/key"
)

func TestState(t *testing.T) {
	cache, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	os.Mkdir(out, 0o755)
	s, err := OpenState(cache, out)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Load(); ok {
		t.Fatal("a state that was never saved loads")
	}
	files := map[string]key.Sum{"index.html": key.Of(1), "articles/a b/index.html": key.Of(2)}
	if err := s.Save(files); err != nil {
		t.Fatal(err)
	}
	got, ok := s.Load()
	if !ok || len(got) != 2 || got["articles/a b/index.html"] != key.Of(2) {
		t.Fatalf("Load = %v, %v", got, ok)
	}
	// An update in progress (or killed): nothing is trusted.
	s.Begin()
	if _, ok := s.Load(); ok {
		t.Error("a state being written loads")
	}
	// Another folder at the same path: nothing is trusted.
	s.Save(files)
	os.RemoveAll(out)
	os.Mkdir(out, 0o755)
	if _, ok := s.Load(); ok {
		t.Error("the state of a folder made anew loads")
	}
}
