package content

import (
	"runtime"
	"strings"
	"sync"
)

// Topology is everything related-article lists are computed from, as plain
// data: how many each article wants, and for each published article (newest
// first) the positions in Index.Topics of its topics and its language.
// Nothing else changes the lists, so a build can keep them while the
// topology stays the same (see IndexOptions.Related): a body or title edit
// leaves them alone.
type Topology struct {
	Want   int
	Topics [][]int32 // per article, in Index.Articles order
	Count  int       // topics in all
	Lang   []string  // per article, lower case
}

// relate fills each article's Related list: the articles sharing the most topics
// with it, then the newest, up to Site.Related, all in the article's language
// (on a mixed site, a reader of a German article is offered German ones, and
// never the article itself in another language).
func (idx *Index) relate(compute func(Topology) [][]int32) {
	want := idx.Site.Related
	if want == 0 || len(idx.Articles) < 2 {
		return
	}
	topicPos := make(map[*Topic]int32, len(idx.Topics))
	for i, t := range idx.Topics {
		topicPos[t] = int32(i)
	}
	top := Topology{Want: want, Topics: make([][]int32, len(idx.Articles)), Count: len(idx.Topics), Lang: make([]string, len(idx.Articles))}
	for i, a := range idx.Articles {
		top.Lang[i] = strings.ToLower(idx.Language(a.Page))
		ts := make([]int32, len(a.Topics))
		for k, t := range a.Topics {
			ts[k] = topicPos[t]
		}
		top.Topics[i] = ts
	}
	if compute == nil {
		compute = Relate
	}
	for i, rel := range compute(top) {
		list := make([]*Article, len(rel))
		for k, j := range rel {
			list[k] = idx.Articles[j]
		}
		idx.Articles[i].Related = list
	}
}

// Relate computes the related lists of a topology: for each article, the
// positions of the articles sharing the most topics with it, then of the
// newest, at most t.Want. It counts shared topics through the topic lists
// rather than comparing every pair: an article meets only the articles of its
// own topics. Workers split the articles; each writes only its own lists.
func Relate(t Topology) [][]int32 {
	n, want := len(t.Topics), t.Want
	out := make([][]int32, n)
	mixed := false
	for _, l := range t.Lang {
		mixed = mixed || l != t.Lang[0]
	}
	// otherLanguage reports whether article j is in another language than i.
	otherLanguage := func(i int, j int32) bool { return mixed && t.Lang[j] != t.Lang[i] }
	topicMembers := make([][]int32, t.Count)
	for i, ts := range t.Topics {
		for _, k := range ts {
			topicMembers[k] = append(topicMembers[k], int32(i))
		}
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
				touched = touched[:0]
				for _, k := range t.Topics[i] {
					for _, j := range topicMembers[k] {
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
				out[i] = append([]int32(nil), best...)
			}
		}()
	}
	wg.Wait()
	return out
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
