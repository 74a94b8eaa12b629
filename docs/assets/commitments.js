/*
 * Commitments explorer (commitments/index.html): filters every commitment in the page.
 *
 * commitments/data.js (loaded by a <script> element, so it works from file://) sets
 * window.odhubCommitments = {facets, countries, rows}; a row is
 * [id, title, country, member, hub, year, completion, starred, [areas]], numbers
 * pointing into facets.<name> (each [value, label, count]) and countries ([iso3, name,
 * slug]). The form's selects are filled from the facets with live counts; options that
 * would match nothing are disabled. Filters live in the URL (?area=open-data&year=2018),
 * restored on load and on Back. Without JavaScript the form stays hidden and the page is
 * the plain, paged list. Plain ES5, no framework.
 */
(function () {
  "use strict";

  var FACETS = ["area", "completion", "starred", "hub", "member", "year"];
  var STEP = 100;

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  function rowValue(row, facet) {
    // The facet value indexes of a row: areas are a list, the rest one number each.
    switch (facet) {
      case "area": return row[8];
      case "completion": return [row[6]];
      case "starred": return [row[7]];
      case "hub": return [row[4]];
      case "member": return [row[3]];
      case "year": return row[5] < 0 ? [] : [row[5]];
    }
    return [];
  }

  function start(form, data) {
    var selects = {};
    FACETS.forEach(function (facet) {
      selects[facet] = form.querySelector("select[data-facet='" + facet + "']");
    });
    var labels = form.querySelector("[data-odhub-labels]");
    var status = form.querySelector("[data-odhub-status]");
    var results = form.querySelector("[data-odhub-results]");
    var more = form.querySelector("[data-odhub-more]");
    var statics = toArray(document.querySelectorAll("[data-odhub-static]"));
    var pattern = countryPattern();
    var shown = STEP;
    function label(facet, value, fallback) {
      var key = "data-" + facet + "-" + value;
      return (labels && labels.getAttribute(key)) || fallback || value;
    }

    function chosen() {
      var picked = {};
      FACETS.forEach(function (facet) {
        var select = selects[facet];
        if (select && select.value !== "") {
          var options = data.facets[facet];
          for (var i = 0; i < options.length; i += 1) {
            if (options[i][0] === select.value) {
              picked[facet] = i;
            }
          }
        }
      });
      return picked;
    }

    function matches(row, picked, skip) {
      for (var facet in picked) {
        if (facet !== skip && rowValue(row, facet).indexOf(picked[facet]) === -1) {
          return false;
        }
      }
      return true;
    }

    function fill() {
      FACETS.forEach(function (facet) {
        var select = selects[facet];
        if (!select) { return; }
        data.facets[facet].forEach(function (option) {
          var element = document.createElement("option");
          element.value = option[0];
          element.setAttribute("data-label", label(facet, option[0], option[1]));
          select.appendChild(element);
        });
      });
    }

    function counts(picked) {
      // For each facet, how many rows each option would match with the other filters.
      var result = {};
      FACETS.forEach(function (facet) {
        var tally = [];
        data.facets[facet].forEach(function () { tally.push(0); });
        data.rows.forEach(function (row) {
          if (matches(row, picked, facet)) {
            rowValue(row, facet).forEach(function (index) { tally[index] += 1; });
          }
        });
        result[facet] = tally;
      });
      return result;
    }

    function message(count) {
      var key = count === 0 ? "data-none" : count === 1 ? "data-one" : "data-other";
      return (status.getAttribute(key) || "").replace("{count}", String(count));
    }

    function link(country, anchor) {
      var href = pattern.replace("{slug}", country[2]);
      return href.split("#")[0] + "#" + anchor;
    }

    function item(row) {
      var li = document.createElement("li");
      var country = data.countries[row[2]];
      var anchor = document.createElement("a");
      anchor.href = link(country, row[0].toLowerCase());
      anchor.textContent = row[0];
      li.appendChild(anchor);
      var member = data.facets.member[row[3]][1];
      var text = ": " + row[1] + " (" + (member === country[1] ? country[1] : member) +
        "; " + label("completion", data.facets.completion[row[6]][0]);
      if (data.facets.starred[row[7]][0] === "starred") {
        text += "; " + label("starred", "starred");
      }
      if (row[5] >= 0) {
        text += "; " + (labels.getAttribute("data-plan") || "{year}")
          .replace("{year}", data.facets.year[row[5]][0]);
      }
      li.appendChild(document.createTextNode(text + ")"));
      return li;
    }

    function render(resetShown) {
      var picked = chosen();
      if (resetShown) { shown = STEP; }
      var found = data.rows.filter(function (row) { return matches(row, picked, null); });
      var tally = counts(picked);
      FACETS.forEach(function (facet) {
        var select = selects[facet];
        if (!select) { return; }
        toArray(select.options).forEach(function (option, i) {
          if (i === 0) { return; }
          var n = tally[facet][i - 1];
          option.textContent = option.getAttribute("data-label") + " (" + n + ")";
          option.disabled = n === 0 && !option.selected;
        });
      });
      while (results.firstChild) { results.removeChild(results.firstChild); }
      found.slice(0, shown).forEach(function (row) { results.appendChild(item(row)); });
      results.hidden = found.length === 0;
      var rest = found.length - shown;
      more.hidden = rest <= 0;
      if (rest > 0) {
        more.textContent = (labels.getAttribute("data-more") || "{count}")
          .replace("{count}", String(Math.min(rest, STEP)));
      }
      status.textContent = message(found.length);
    }

    function toUrl(push) {
      var parts = [];
      FACETS.forEach(function (facet) {
        var select = selects[facet];
        if (select && select.value) {
          parts.push(facet + "=" + encodeURIComponent(select.value));
        }
      });
      var query = parts.length ? "?" + parts.join("&") : "";
      var url = window.location.pathname + query + window.location.hash;
      try {
        if (push) {
          window.history.pushState(null, "", url);
        } else {
          window.history.replaceState(null, "", url);
        }
      } catch (error) {
        // file:// in some browsers refuses history changes; filtering still works.
      }
    }

    function fromUrl() {
      var params = {};
      window.location.search.replace(/^\?/, "").split("&").forEach(function (pair) {
        if (!pair) { return; }
        var bits = pair.split("=");
        params[decodeURIComponent(bits[0])] = decodeURIComponent(bits[1] || "");
      });
      FACETS.forEach(function (facet) {
        var select = selects[facet];
        if (select) {
          select.value = params[facet] || "";
          if (select.selectedIndex < 0) { select.value = ""; }
        }
      });
    }

    fill();
    fromUrl();
    form.addEventListener("change", function () { render(true); toUrl(true); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { render(true); toUrl(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    more.addEventListener("click", function () { shown += STEP; render(false); });
    window.addEventListener("popstate", function () { fromUrl(); render(true); });
    statics.forEach(function (element) { element.hidden = true; });
    form.hidden = false;
    render(true);
  }

  function countryPattern() {
    // A link MkDocs wrote in the page (its form differs online and offline), with the
    // country's slug replaced: "../countries/{slug}/" or "../countries/{slug}.html".
    var sample = document.querySelector("[data-odhub-static] a[href*='countries/']");
    if (!sample) { return "../countries/{slug}/"; }
    return sample.getAttribute("href").replace(/countries\/[a-z]+/, "countries/{slug}");
  }

  function init() {
    var form = document.querySelector("form[data-odhub-commitments]");
    if (form && window.odhubCommitments) {
      start(form, window.odhubCommitments);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
