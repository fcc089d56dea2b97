// The article's script, an enhancement: the page works without it.
// The ticks of the article's checkboxes are kept in this browser
// (localStorage), by the text of each item, so that editing the article keeps
// the ticks of the items that stayed.
(function () {
  "use strict";
  var prose = document.querySelector("[data-tasks]");
  if (prose) {
    var key = "folio:ticks:" + prose.getAttribute("data-tasks");
    var ticks = {};
    try {
      ticks = JSON.parse(window.localStorage.getItem(key) || "{}") || {};
    } catch (e) {
      ticks = {};
    }
    var save = function () {
      try {
        window.localStorage.setItem(key, JSON.stringify(ticks));
      } catch (e) {
        // Storage off or full: the ticks last as long as the page.
      }
    };
    prose.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
      var label = box.labels && box.labels[0];
      var item = (label ? label.textContent : box.id).replace(/\s+/g, " ").trim();
      if (Object.prototype.hasOwnProperty.call(ticks, item)) {
        box.checked = ticks[item];
      }
      box.addEventListener("change", function () {
        ticks[item] = box.checked;
        save();
      });
    });
  }
})();
