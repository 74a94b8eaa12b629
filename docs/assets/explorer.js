/*
 * Filters for the case study explorer (case-studies/) and the countries index
 * (countries/): narrows the full list in place.
 *
 * The page holds everything: a hidden <form data-odhub-explorer> with one
 * <select name="..." data-facet="..."> per facet, and items [data-odhub-item] carrying
 * the same facets as data-* attributes (space-separated ids). Nothing is fetched, so it
 * works from file://. Without JavaScript the form stays hidden and the full list remains.
 * On every other page this script finds no form and does nothing.
 *
 * - The chosen filters live in the address (?principle=open-by-default&year=2018): a
 *   filtered view can be shared, and Back (or returning to the page) restores it.
 * - Each option shows how many items it would leave, given the other filters; options
 *   that would leave none are disabled.
 * - Headings whose items are all hidden are hidden, and so are their entries in the
 *   table of contents; letter jumps ([data-odhub-jump]) lead to the first item shown.
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

  function readQuery(search) {
    var values = {};
    search.replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) {
        return;
      }
      var parts = pair.split("=");
      try {
        values[decodeURIComponent(parts[0])] =
          decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
      } catch (error) {
        // A malformed address is ignored, not fatal.
      }
    });
    return values;
  }

  function start(form) {
    var selects = toArray(form.querySelectorAll("select[data-facet]"));
    var items = toArray(document.querySelectorAll("[data-odhub-item]"));
    var groups = toArray(document.querySelectorAll("[data-odhub-group]"));
    var jumps = toArray(document.querySelectorAll("a[data-odhub-jump]"));
    var status = form.querySelector("[data-odhub-status]");
    var countFormat = form.getAttribute("data-count-format") || "{label} ({count})";

    // Each option's own label, before counts are added to it.
    selects.forEach(function (select) {
      toArray(select.options).forEach(function (option) {
        option.setAttribute("data-label", option.textContent);
      });
    });

    function matches(item, skip) {
      return selects.every(function (select) {
        return select === skip || select.value === "" ||
          hasToken(item, select.getAttribute("data-facet"), select.value);
      });
    }

    // An item may be listed more than once (a case study under each of its principles):
    // count each once.
    function distinct(list) {
      var seen = {};
      var count = 0;
      list.forEach(function (item) {
        var id = item.getAttribute("data-odhub-item");
        if (!seen[id]) {
          seen[id] = true;
          count += 1;
        }
      });
      return count;
    }

    function message(count) {
      var key = count === 0 ? "data-none" : count === 1 ? "data-one" : "data-other";
      return (status.getAttribute(key) || "").replace("{count}", String(count));
    }

    function labelled(option, count) {
      return countFormat.replace("{label}", option.getAttribute("data-label"))
        .replace("{count}", String(count));
    }

    function refreshOptions() {
      selects.forEach(function (select) {
        var facet = select.getAttribute("data-facet");
        var pool = items.filter(function (item) { return matches(item, select); });
        toArray(select.options).forEach(function (option) {
          var count = option.value === "" ? distinct(pool) : distinct(pool.filter(
            function (item) { return hasToken(item, facet, option.value); }));
          option.textContent = labelled(option, count);
          option.disabled = count === 0 && option.value !== select.value;
        });
      });
    }

    // The group's entries in the table of contents (Material renders it twice: in the
    // side column, and in the navigation drawer on small screens).
    function tocEntries(group) {
      var heading = group.querySelector("[id]");
      if (!heading) {
        return [];
      }
      return toArray(document.querySelectorAll(
        '.md-nav--secondary a[href="#' + heading.id + '"]')).map(function (link) {
        return link.parentNode;
      });
    }

    function refreshJumps() {
      jumps.forEach(function (jump) {
        var letter = jump.getAttribute("data-odhub-jump");
        var first = null;
        for (var i = 0; i < items.length && !first; i += 1) {
          if (!items[i].hidden && items[i].getAttribute("data-letter") === letter) {
            first = items[i];
          }
        }
        if (first) {
          jump.setAttribute("href", "#" + first.id);
          jump.removeAttribute("aria-disabled");
        } else {
          jump.removeAttribute("href");
          jump.setAttribute("aria-disabled", "true");
        }
      });
    }

    function update() {
      var shown = items.filter(function (item) {
        var keep = matches(item, null);
        item.hidden = !keep;
        return keep;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-odhub-item]:not([hidden])");
        tocEntries(group).forEach(function (entry) {
          entry.hidden = group.hidden;
        });
      });
      refreshOptions();
      refreshJumps();
      if (status) {
        status.textContent = message(distinct(shown));
      }
    }

    function query() {
      var pairs = selects.filter(function (select) { return select.value !== ""; })
        .map(function (select) {
          return encodeURIComponent(select.name) + "=" + encodeURIComponent(select.value);
        });
      return pairs.length ? "?" + pairs.join("&") : "";
    }

    function remember() {
      var address = location.pathname + query();
      if (address === location.pathname + location.search) {
        return;
      }
      try {
        history.pushState({odhubFilters: true}, "", address);
      } catch (error) {
        // Some browsers refuse to change a file:// address; filtering still works.
      }
    }

    function restore() {
      var wanted = readQuery(location.search);
      selects.forEach(function (select) {
        var value = wanted[select.name] || "";
        var known = toArray(select.options).some(function (o) { return o.value === value; });
        select.value = known ? value : "";
      });
      update();
    }

    form.addEventListener("change", function () {
      update();
      remember();
    });
    // "reset" fires before the controls are cleared: filter once they are.
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        update();
        remember();
      }, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    window.addEventListener("popstate", restore);
    // Coming back to the page from the browser's cache keeps the controls as they were
    // left; the address says what they should be.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        restore();
      }
    });
    form.hidden = false;
    restore();
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
