package pdf

import (
	"os"
	"testing"
)

func TestLookWrite(t *testing.T) {
	if os.Getenv("LOOK") == "" {
		t.Skip()
	}
	for _, c := range []struct {
		name string
		c    Checklist
	}{{"fixture", fixture()}, {"long", long()}} {
		for _, s := range sizes {
			b, err := Render(c.c, s)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile("/tmp/look/"+c.name+"-"+s.String()+".pdf", b, 0o644)
		}
	}
}

func TestLookScripts(t *testing.T) {
	if os.Getenv("LOOK") == "" {
		t.Skip()
	}
	r := siteRenderer(t)
	b, err := r.Render(scripts(), A4)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/look/scripts-a4.pdf", b, 0o644)
	d, _ := defaultRenderer()
	b, _ = d.Render(scripts(), Letter)
	os.WriteFile("/tmp/look/scripts-missing.pdf", b, 0o644)
}
