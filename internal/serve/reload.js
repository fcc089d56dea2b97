// Live reload for `folio serve`. The preview server injects this script into
// the pages it serves (never into the files it serves them from). It holds no
// inline code or style, so it runs under the site's production
// Content-Security-Policy: elements are built with DOM calls and styled
// through the CSSOM.
(function () {
  "use strict";

  var me = document.currentScript;
  // The version of the site this page was served from: "instance.gen".
  var seen = (me && me.getAttribute("data-version")) || "";
  var scrollKey = "folio-scroll:" + location.pathname;
  var overlay = null;
  var reloading = false;
  var direct = null;

  // Paths compare without percent-encoding and without index.html.
  function norm(p) {
    try {
      p = decodeURI(p);
    } catch (e) {}
    return p.replace(/\/index\.html$/, "/");
  }

  function nextVersion(v) {
    var i = v.lastIndexOf(".");
    return v.slice(0, i + 1) + (Number(v.slice(i + 1)) + 1);
  }

  function reload() {
    if (reloading) return;
    reloading = true;
    try {
      sessionStorage.setItem(scrollKey, window.scrollX + "," + window.scrollY);
    } catch (e) {}
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {}
    if (saved) {
      var xy = saved.split(",");
      window.scrollTo(Number(xy[0]) || 0, Number(xy[1]) || 0);
    }
  }

  function sameOriginPath(url) {
    var u = new URL(url, location.href);
    return u.origin === location.origin ? norm(u.pathname) : null;
  }

  // Swap every same-origin stylesheet for a fresh copy; the old one goes
  // once the new one has loaded, so the page never shows unstyled.
  function swapStyles() {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    Array.prototype.forEach.call(links, function (link) {
      if (link.hasAttribute("data-folio-old") || sameOriginPath(link.href) === null) return;
      var u = new URL(link.href, location.href);
      u.searchParams.set("t", String(Date.now()));
      var fresh = link.cloneNode(false);
      fresh.removeAttribute("integrity");
      fresh.href = u.href;
      link.setAttribute("data-folio-old", "");
      fresh.addEventListener("load", function () {
        link.remove();
      });
      fresh.addEventListener("error", function () {
        fresh.remove();
        link.removeAttribute("data-folio-old");
      });
      link.after(fresh);
    });
  }

  // A rebuild finished: reload if this page or a script it runs changed;
  // otherwise refresh its stylesheets if any CSS changed; otherwise stay.
  function applyChanges(paths) {
    var here = norm(location.pathname);
    var scripts = {};
    Array.prototype.forEach.call(document.querySelectorAll("script[src]"), function (s) {
      var p = sameOriginPath(s.src);
      if (p !== null) scripts[p] = true;
    });
    var css = false;
    for (var i = 0; i < paths.length; i++) {
      var p = norm(paths[i]);
      if (p === here || scripts[p]) return reload();
      if (/\.css$/i.test(p)) css = true;
    }
    if (css) swapStyles();
  }

  function css(el, props) {
    for (var k in props) el.style.setProperty(k, props[k], "important");
    return el;
  }

  function onKey(e) {
    if (e.key === "Escape") hideOverlay();
  }

  function hideOverlay() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    document.removeEventListener("keydown", onKey);
  }

  function showOverlay(text) {
    hideOverlay();
    var host = css(document.createElement("folio-build-error"), {
      position: "fixed", top: "0", right: "0", bottom: "0", left: "0",
      "z-index": "2147483647", display: "block", overflow: "auto",
      background: "rgba(24, 24, 27, 0.6)",
    });
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var panel = css(document.createElement("div"), {
      "max-width": "52rem", margin: "3rem auto", padding: "1.25rem 1.5rem",
      background: "#fff", color: "#1f1f23", "border-top": "6px solid #c62828",
      "border-radius": "6px", "box-shadow": "0 12px 40px rgba(0, 0, 0, 0.35)",
      font: "16px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif", "text-align": "left",
    });
    panel.setAttribute("role", "alert");
    var title = css(document.createElement("div"), { "font-size": "1.25rem", "font-weight": "700", margin: "0 0 0.25rem" });
    title.textContent = "The site did not build";
    var hint = css(document.createElement("div"), { color: "#55555c", margin: "0 0 1rem" });
    hint.textContent = "You are looking at the last version that built. Fix the file and save: this message goes away by itself.";
    var list = css(document.createElement("div"), {
      font: "14px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      background: "#fdf3f3", padding: "0.75rem 1rem", "border-radius": "4px",
      "white-space": "pre-wrap", "overflow-wrap": "anywhere",
    });
    text.split("\n").forEach(function (line) {
      if (!line.trim()) return;
      var row = css(document.createElement("div"), { margin: "0.15rem 0" });
      var m = /^(\S+?:\d+(?::\d+)?):\s*([\s\S]*)$/.exec(line);
      if (m) {
        var where = css(document.createElement("strong"), { color: "#b71c1c" });
        where.className = "folio-error-location";
        where.textContent = m[1];
        row.append(where, " " + m[2]);
      } else {
        row.textContent = line;
      }
      list.append(row);
    });
    var close = css(document.createElement("button"), {
      "margin-top": "1rem", padding: "0.4rem 1rem", font: "inherit", cursor: "pointer",
      background: "#1f1f23", color: "#fff", border: "0", "border-radius": "4px",
    });
    close.type = "button";
    close.textContent = "Dismiss (Esc)";
    close.addEventListener("click", hideOverlay);
    panel.append(title, hint, list, close);
    root.append(panel);
    (document.body || document.documentElement).append(host);
    document.addEventListener("keydown", onKey);
    overlay = host;
  }

  function handle(m) {
    if (!m || typeof m.version !== "string") return;
    if (m.changed) {
      var expected = nextVersion(seen);
      seen = m.version;
      if (m.version !== expected) return reload(); // missed a rebuild
      hideOverlay();
      applyChanges(m.changed);
    } else {
      // A state message: on connecting, or a failed rebuild.
      if (m.version !== seen) return reload(); // a rebuild (or a restart) happened since this page was served
      if (m.error) showOverlay(m.error);
      else hideOverlay();
    }
    // The version this page has caught up with without reloading, and
    // whether the build is broken: tests wait on these instead of timers.
    if (!reloading) {
      document.documentElement.setAttribute("data-folio-seen", seen + (m.error ? " error" : ""));
    }
  }

  function connectDirect() {
    if (direct) return;
    direct = new EventSource("/__folio/events");
    direct.onmessage = function (e) {
      try {
        handle(JSON.parse(e.data));
      } catch (err) {}
    };
  }

  function connect() {
    if (typeof SharedWorker !== "function") return connectDirect();
    try {
      var worker = new SharedWorker("/__folio/worker.js", { name: "folio-live-reload" });
      worker.onerror = connectDirect; // e.g. a worker-src that forbids it
      worker.port.onmessage = function (e) {
        handle(e.data);
      };
      // Leave the worker's list while in the back/forward cache, and come
      // back (with a version check) when shown again.
      window.addEventListener("pagehide", function () {
        worker.port.postMessage("bye");
      });
      window.addEventListener("pageshow", function (e) {
        if (e.persisted) worker.port.postMessage("hello");
      });
    } catch (e) {
      connectDirect();
    }
  }

  if (document.readyState === "complete") restoreScroll();
  else window.addEventListener("load", restoreScroll);
  connect();
})();
