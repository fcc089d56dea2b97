package content

import (
	"encoding/binary"
	"hash/fnv"
	"runtime"
	"strings"
	"sync"
)

// relate fills each article's Related list: the articles sharing the most topics
// with it, then the newest, up to Site.Related, all in the article's language
// (on a mixed site, a reader of a German article is offered German ones, and
// never the article itself in another language).
//
// Related lists depend only on which articles exist, their dates and their
// topics: the "topology" hashed into relatedKey. An edit to an article's body or
// title leaves it unchanged, so a rebuild in serve mode reuses the previous lists
// instead of comparing every pair of articles again.
func (idx *Index) relate(prev *Index) {
	want := idx.Site.Related
	idx.relatedKey = idx.topologyKey(want)
	if want == 0 || len(idx.Articles) < 2 {
		return
	}
	if prev != nil && prev.relatedKey == idx.relatedKey && len(prev.Articles) == len(idx.Articles) {
		bySlug := make(map[string]*Article, len(idx.Articles))
		for _, a := range idx.Articles {
			bySlug[a.Slug] = a
		}
		for i, old := range prev.Articles {
			rel := make([]*Article, len(old.Related))
			for k, r := range old.Related {
				rel[k] = bySlug[r.Slug]
			}
			idx.Articles[i].Related = rel
		}
		return
	}
	idx.computeRelated(want)
}

func (idx *Index) topologyKey(want int) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], uint64(want))
	h.Write(buf[:])
	h.Write([]byte(idx.Site.Language))
	for _, a := range idx.Articles {
		h.Write([]byte(a.Slug))
		h.Write([]byte{0})
		h.Write([]byte(a.Language))
		binary.LittleEndian.PutUint64(buf[:], uint64(a.Date.UnixNano()))
		h.Write(buf[:])
		for _, t := range a.Topics {
			h.Write([]byte{0})
			h.Write([]byte(t.Slug))
		}
		h.Write([]byte{1})
	}
	return h.Sum64()
}

// computeRelated counts shared topics through the topic lists rather than
// comparing every pair: an article meets only the articles of its own topics.
// Workers split the articles; each writes only its own articles' lists.
func (idx *Index) computeRelated(want int) {
	n := len(idx.Articles)
	pos := make(map[*Article]int32, n)
	lang := make([]string, n)
	mixed := false
	for i, a := range idx.Articles {
		pos[a] = int32(i)
		lang[i] = strings.ToLower(idx.Language(a.Page))
		mixed = mixed || lang[i] != lang[0]
	}
	// otherLanguage reports whether article j is in another language than i.
	otherLanguage := func(i int, j int32) bool { return mixed && lang[j] != lang[i] }
	topicMembers := make(map[*Topic][]int32, len(idx.Topics))
	for _, t := range idx.Topics {
		m := make([]int32, len(t.Articles))
		for i, a := range t.Articles {
			m[i] = pos[a]
		}
		topicMembers[t] = m
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, n/256))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shared := make([]uint8, n) // shared-topic count per article, reset after use
			var touched []int32
			best := make([]int32, 0, want+1)
			for i := w; i < n; i += workers {
				a := idx.Articles[i]
				touched = touched[:0]
				for _, t := range a.Topics {
					for _, j := range topicMembers[t] {
						if int(j) == i || otherLanguage(i, j) {
							continue
						}
						if shared[j] == 0 {
							touched = append(touched, j)
						}
						if shared[j] < 255 {
							shared[j]++
						}
					}
				}
				// Articles are newest first, so a lower position is newer: the
				// best are the most shared topics, then the lowest position.
				better := func(x, y int32) bool {
					if shared[x] != shared[y] {
						return shared[x] > shared[y]
					}
					return x < y
				}
				best = best[:0]
				for _, j := range touched {
					best = insertTop(best, j, want, better)
				}
				for j := int32(0); len(best) < want && int(j) < n; j++ {
					if int(j) != i && shared[j] == 0 && !otherLanguage(i, j) {
						best = append(best, j) // fill up with the newest unrelated
					}
				}
				for _, j := range touched {
					shared[j] = 0
				}
				rel := make([]*Article, len(best))
				for k, j := range best {
					rel[k] = idx.Articles[j]
				}
				a.Related = rel
			}
		}()
	}
	wg.Wait()
}

// insertTop keeps top, at most k long, sorted best first, with x inserted if it belongs.
func insertTop(top []int32, x int32, k int, better func(a, b int32) bool) []int32 {
	i := len(top)
	for i > 0 && better(x, top[i-1]) {
		i--
	}
	if i >= k {
		return top
	}
	if len(top) < k {
		top = append(top, 0)
	}
	copy(top[i+1:], top[i:len(top)-1])
	top[i] = x
	return top
}
