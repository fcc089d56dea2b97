// Video embeds (internal/markdown/embed.go): the page loads nothing from the
// video host until the reader clicks; then the link becomes the player, from
// youtube-nocookie.com or player.vimeo.com only (the hosts the CSP allows in
// frames). Without this script the link opens the video on its own site.
"use strict";
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-embed]");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
    return;
  }
  var src = link.getAttribute("data-embed");
  if (!/^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)[\w-]+\?/.test(src)) {
    return;
  }
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.className = "embed-frame";
  frame.src = src;
  frame.title = link.getAttribute("data-title") || "";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  link.replaceWith(frame);
  frame.focus();
});
