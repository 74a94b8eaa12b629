/*
 * Case study explorer (case-studies/index.html): filters the full list in place.
 *
 * The page holds everything: a hidden <form data-odhub-explorer> with one <select
 * data-facet="..."> per facet, and list items carrying the same facets as data-*
 * attributes (space-separated ids). Nothing is fetched, so it works from file://.
 * Without JavaScript the form stays hidden and the full list, grouped by principle,
 * remains. On every other page this script finds no form and does nothing.
 * No framework, no build step; plain ES5 so old browsers are not locked out.
 */
(function () {
  "use strict";

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  function hasToken(element, facet, value) {
    var tokens = (element.getAttribute("data-" + facet) || "").split(" ");
    return tokens.indexOf(value) !== -1;
  }

  function start(form) {
    var selects = toArray(form.querySelectorAll("select[data-facet]"));
    var items = toArray(document.querySelectorAll("[data-odhub-case]"));
    var groups = toArray(document.querySelectorAll("[data-odhub-group]"));
    var status = form.querySelector("[data-odhub-status]");

    function message(count) {
      var key = count === 0 ? "data-none" : count === 1 ? "data-one" : "data-other";
      return (status.getAttribute(key) || "").replace("{count}", String(count));
    }

    function update() {
      var chosen = selects.filter(function (select) { return select.value !== ""; });
      var seen = {};
      var count = 0;
      items.forEach(function (item) {
        var keep = chosen.every(function (select) {
          return hasToken(item, select.getAttribute("data-facet"), select.value);
        });
        item.hidden = !keep;
        // A case study is listed once per principle: count each one once.
        var id = item.getAttribute("data-odhub-case");
        if (keep && !seen[id]) {
          seen[id] = true;
          count += 1;
        }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-odhub-case]:not([hidden])");
      });
      if (status) {
        status.textContent = message(count);
      }
    }

    form.addEventListener("change", update);
    form.addEventListener("input", update);
    // "reset" fires before the controls are cleared: filter once they are.
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    form.hidden = false;
  }

  function init() {
    var form = document.querySelector("form[data-odhub-explorer]");
    if (form) {
      start(form);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
