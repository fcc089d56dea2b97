// Site search (internal/search writes the index at build time). It loads
// search/index.json, then only the shards of the terms typed and the chunks of
// the results shown, and ranks in the browser: no server, no framework, no
// inline script or style. Without it, the form on /search/ searches the site
// on DuckDuckGo. Terms are made as internal/search/terms.go makes them.
"use strict";
(function () {
  var form = document.getElementById("search-form");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !list || !status || !window.fetch || !"".normalize) {
    return;
  }
  var input = form.querySelector("input[name=q]");
  var base = form.getAttribute("data-index");
  var note = document.getElementById("search-note");
  var more = document.getElementById("search-more");
  var perPage = 10;
  var manifest = null;
  var loading = null;
  var shardData = {}; // shard number → {term: postings}
  var shardLoads = {};
  var chunkLoads = {};
  var hits = [];
  var shown = 0;
  var latest = 0;

  if (note) {
    note.hidden = true;
  }

  function get(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) {
        throw new Error(url + ": " + r.status);
      }
      return r.json();
    });
  }

  function load() {
    if (!loading) {
      loading = get(base + "index.json").then(function (m) {
        if (m.v !== 1) {
          throw new Error("search index version " + m.v);
        }
        manifest = m;
        return m;
      });
    }
    return loading;
  }

  // terms splits text as the build did: no accents, lower case, runs of
  // letters and digits of two characters or more, cut at 32.
  function terms(s) {
    var runs = s.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    var out = [];
    runs.forEach(function (t) {
      var chars = Array.from(t);
      if (chars.length >= 2) {
        out.push(chars.slice(0, 32).join(""));
      }
    });
    return out;
  }

  // shardOf is the number of the shard that holds a term: the last whose
  // first term is not after it.
  function shardOf(t) {
    var s = manifest.shards;
    var lo = 0, hi = s.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (s[mid][0] <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  // span is the shards a query word needs: its own, and for a word being
  // typed (matched as a prefix) those after it that its prefix reaches, at
  // most three in all.
  function span(word, prefix) {
    var a = shardOf(word);
    var b = prefix ? Math.min(shardOf(word + "\uffff"), a + 2) : a;
    return [a, b];
  }

  function loadShard(i) {
    if (!shardLoads[i]) {
      shardLoads[i] = get(base + "t/" + manifest.shards[i][1]).then(function (data) {
        shardData[i] = data;
      });
    }
    return shardLoads[i];
  }

  function loadChunk(i) {
    if (!chunkLoads[i]) {
      chunkLoads[i] = get(base + "d/" + manifest.chunks[i]);
    }
    return chunkLoads[i];
  }

  // digitValue maps the characters of the postings strings to their values
  // (internal/search appendPostings): numbers five bits to a character, low
  // bits first; a value of 32 or more says more bits follow.
  var digitValue = new Int8Array(128);
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, i) {
    digitValue[c.charCodeAt(0)] = i;
  });

  // addTerm decodes a term's postings into best: for each document, the
  // highest score any term of the word gives it.
  function addTerm(best, s, factor) {
    var count = 0;
    for (var i = 0; i < s.length; i++) {
      if (digitValue[s.charCodeAt(i)] < 32) {
        count++;
      }
    }
    var idf = Math.log(1 + manifest.docs / count) * factor;
    var id = 0, v = 0, mul = 1;
    for (var j = 0; j < s.length; j++) {
      var d = digitValue[s.charCodeAt(j)];
      v += (d & 31) * mul;
      if (d < 32) {
        id += v >>> 4;
        var score = (v & 15) * idf;
        if (score > best[id]) {
          best[id] = score;
        }
        v = 0;
        mul = 1;
      } else {
        mul *= 32;
      }
    }
  }

  // rank scores the documents that hold every word: for each word its best
  // term's weight (title 8, topic 4, summary 2, text 1, added up) times the
  // term's rarity; a prefix match counts a little less than the word itself.
  // Typed arrays indexed by document keep it to a few milliseconds at
  // 10,000 articles.
  function rank(words, prefixLast) {
    var n = manifest.docs;
    var total = new Float64Array(n);
    var matched = new Uint8Array(n);
    words.forEach(function (w, wi) {
      var prefix = prefixLast && wi === words.length - 1;
      var sp = span(w, prefix);
      var best = new Float64Array(n);
      for (var s = sp[0]; s <= sp[1]; s++) {
        var data = shardData[s];
        if (!prefix) {
          if (data[w]) {
            addTerm(best, data[w], 1);
          }
          continue;
        }
        for (var t in data) {
          if (t.startsWith(w)) {
            addTerm(best, data[t], t === w ? 1 : 0.6);
          }
        }
      }
      for (var id = 0; id < n; id++) {
        if (best[id] > 0) {
          total[id] += best[id];
          matched[id]++;
        }
      }
    });
    var out = [];
    for (var id = 0; id < n; id++) {
      if (matched[id] === words.length) {
        out.push(id);
      }
    }
    out.sort(function (a, b) {
      return total[b] - total[a] || a - b;
    });
    return out;
  }

  // plural names the page language's plural category of n: "one", "few"…
  // (Arabic and Hebrew have more than English's two).
  function plural(n) {
    try {
      return new Intl.PluralRules(document.documentElement.lang || undefined).select(n);
    } catch (e) {
      return n === 1 ? "one" : "other";
    }
  }

  function say(kind, count, query) {
    var text = status.getAttribute("data-text-" + kind) || "";
    status.textContent = text.replace("{count}", count.toLocaleString(document.documentElement.lang || undefined)).replace("{query}", query);
  }

  function item(doc) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-result-title";
    var a = document.createElement("a");
    a.href = doc[0];
    a.textContent = doc[1];
    h.appendChild(a);
    li.appendChild(h);
    if (doc[3]) {
      var meta = document.createElement("p");
      meta.className = "search-result-meta";
      var time = document.createElement("time");
      time.dateTime = doc[3];
      time.textContent = doc[4] || doc[3];
      meta.appendChild(time);
      li.appendChild(meta);
    }
    if (doc[2]) {
      var p = document.createElement("p");
      p.className = "search-result-summary";
      p.textContent = doc[2];
      li.appendChild(p);
    }
    return li;
  }

  // show renders the next page of hits; a new query (run) starts over.
  function show(run) {
    var page = hits.slice(shown, shown + perPage);
    var need = {};
    page.forEach(function (h) {
      need[Math.floor(h / manifest.chunk)] = true;
    });
    return Promise.all(Object.keys(need).map(function (c) {
      return loadChunk(+c).then(function (rows) {
        return [+c, rows];
      });
    })).then(function (loaded) {
      if (run !== latest) {
        return;
      }
      var rows = {};
      loaded.forEach(function (l) {
        rows[l[0]] = l[1];
      });
      var frag = document.createDocumentFragment();
      page.forEach(function (h) {
        frag.appendChild(item(rows[Math.floor(h / manifest.chunk)][h % manifest.chunk]));
      });
      list.appendChild(frag);
      shown += page.length;
      if (more) {
        more.hidden = shown >= hits.length;
      }
    });
  }

  function run(query) {
    var started = performance.now();
    var me = ++latest;
    var words = terms(query).slice(0, 10);
    if (!words.length) {
      hits = [];
      shown = 0;
      list.textContent = "";
      status.textContent = "";
      if (more) {
        more.hidden = true;
      }
      return Promise.resolve();
    }
    var prefixLast = !/\s$/.test(query) && Array.from(words[words.length - 1]).length >= 3;
    return load().then(function () {
      var need = {};
      words.forEach(function (w, i) {
        var sp = span(w, prefixLast && i === words.length - 1);
        for (var s = sp[0]; s <= sp[1]; s++) {
          need[s] = true;
        }
      });
      return Promise.all(Object.keys(need).map(function (s) {
        return loadShard(+s);
      }));
    }).then(function () {
      if (me !== latest) {
        return;
      }
      var ranking = performance.now();
      hits = rank(words, prefixLast);
      list.setAttribute("data-rank-ms", (performance.now() - ranking).toFixed(1));
      shown = 0;
      list.textContent = "";
      if (hits.length) {
        say(plural(hits.length), hits.length, query.trim());
      } else {
        say("none", 0, query.trim());
      }
      return show(me);
    }).then(function () {
      if (me === latest) {
        list.setAttribute("data-query", query);
        list.setAttribute("data-ms", String(Math.round(performance.now() - started)));
      }
    }).catch(function () {
      if (me === latest) {
        status.textContent = status.getAttribute("data-text-error") || "";
      }
    });
  }

  var timer = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value;
      history.replaceState(null, "", q.trim() ? "?q=" + encodeURIComponent(q.trim()) : location.pathname);
      run(q);
    }, 60);
  }

  input.addEventListener("input", schedule);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    run(input.value);
  });
  if (more) {
    more.addEventListener("click", function () {
      show(latest);
    });
  }
  // The manifest is small: fetch it now, so the first query waits only for
  // its own shards.
  load().catch(function () {});
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
