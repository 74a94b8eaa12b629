/*
 * Small helpers on every page; each does nothing where its markup is absent.
 *
 * - Table regions (odhub.content_html) take keyboard focus only while they scroll.
 * - The printed page's stamp gets the print date, and the page's real address once it
 *   is served over http(s); so does "Report a problem with this page".
 * - The home page's country finder: type-ahead over names, other names and ISO codes,
 *   from the plain list of links that works without JavaScript.
 * - Search: when no result is a country page, offer to propose a missing country.
 * - Controls marked data-odhub-needs-js appear only when this script runs.
 * Nothing is fetched, so all of it works from file://. Plain ES5, no framework.
 */
(function () {
  "use strict";

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  function fold(text) {
    // Case and accents do not matter: "cote d'ivoire" finds Côte d'Ivoire.
    var plain = String(text).toLowerCase();
    return plain.normalize ? plain.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : plain;
  }

  function served() {
    return location.protocol === "http:" || location.protocol === "https:";
  }

  function here() {
    return location.href.split("#")[0];
  }

  // -- table regions -------------------------------------------------------------------

  function fitRegions() {
    toArray(document.querySelectorAll(".odhub-table[role=region]")).forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
      } else {
        region.removeAttribute("tabindex");
      }
    });
  }

  // -- print stamp and report link -----------------------------------------------------

  function stampPrint() {
    var stamp = document.querySelector("[data-odhub-print-stamp]");
    if (!stamp) {
      return;
    }
    var date = new Date().toLocaleDateString(document.documentElement.lang || undefined,
      {year: "numeric", month: "long", day: "numeric"});
    var text = (stamp.getAttribute("data-printed") || "{date}").replace("{date}", date);
    stamp.querySelector("[data-odhub-print-date]").textContent = " · " + text;
    if (served()) {
      stamp.querySelector("[data-odhub-print-url]").textContent = here();
    }
  }

  function pointReportAtThisAddress() {
    if (!served()) {
      return;
    }
    toArray(document.querySelectorAll("a[data-odhub-report]")).forEach(function (link) {
      // The form's one field that holds the page address is the last parameter.
      link.href = link.href.replace(/=[^=&]*$/, "=" + encodeURIComponent(here()));
    });
  }

  // -- country finder (home page) ------------------------------------------------------

  function startFinder(form) {
    var links = toArray(document.querySelectorAll("[data-odhub-country] a"));
    var input = form.querySelector("input");
    var list = form.querySelector("datalist");
    var message = form.querySelector("[data-odhub-finder-message]");
    var countries = links.map(function (link) {
      var item = link.parentNode;
      var names = [link.textContent].concat((item.getAttribute("data-names") || "").split("|"));
      return {name: link.textContent, href: link.href, keys: names.map(fold)};
    });
    countries.forEach(function (country) {
      var option = document.createElement("option");
      option.value = country.name;
      list.appendChild(option);
    });

    function find(text) {
      var wanted = fold(text).trim();
      if (!wanted) {
        return [];
      }
      var exact = countries.filter(function (c) { return c.keys.indexOf(wanted) !== -1; });
      if (exact.length) {
        return exact;
      }
      return countries.filter(function (c) {
        return c.keys.some(function (key) { return key.indexOf(wanted) !== -1; });
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var found = find(input.value);
      if (found.length === 1) {
        location.href = found[0].href;
        return;
      }
      var template = found.length ? "data-many" : "data-none";
      message.textContent = (message.getAttribute(template) || "")
        .replace("{query}", input.value.trim());
      if (found.length) {
        var choices = document.createElement("ul");
        found.slice(0, 12).forEach(function (country) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = country.href;
          link.textContent = country.name;
          item.appendChild(link);
          choices.appendChild(item);
        });
        message.appendChild(choices);
      } else {
        var propose = document.querySelector("#odhub-search-propose");
        var offer = propose && propose.content.querySelector("a");
        if (offer) {
          message.appendChild(document.createTextNode(" "));
          message.appendChild(proposeLink(offer, input.value.trim()));
        }
      }
    });
  }

  // -- search: propose a missing country -----------------------------------------------

  // A country page's address, as search results link it (with ?h=... to highlight).
  var COUNTRY_PAGE = /(^|\/)countries\/[a-z]{3}(\/|\/index\.html|\.html)?([?#]|$)/;

  function proposeLink(template, query) {
    var link = template.cloneNode(true);
    var field = link.getAttribute("data-odhub-query-field");
    if (field && query) {
      link.href = link.href + "&" + encodeURIComponent(field) + "=" + encodeURIComponent(query);
    }
    return link;
  }

  function startSearchOffer() {
    var template = document.querySelector("#odhub-search-propose");
    var result = document.querySelector(".md-search-result");
    var input = document.querySelector(".md-search__input");
    var meta = result && result.querySelector(".md-search-result__meta");
    var list = result && result.querySelector(".md-search-result__list");
    if (!template || !meta || !list || !input || !window.MutationObserver) {
      return;
    }
    var offer = template.content.firstElementChild.cloneNode(true);
    var link = offer.querySelector("a");
    var linkTemplate = link ? link.cloneNode(true) : null;
    offer.hidden = true;
    // Beside Material's result list, not in it: on Enter, Material opens the best of the
    // links it finds in its result element, and reads a score from each of them.
    result.parentNode.insertBefore(offer, result.nextSibling);

    // Runs after Material has written the results (the count line and the list).
    function refresh() {
      var query = input.value.trim();
      var country = toArray(list.querySelectorAll("a")).some(function (a) {
        return COUNTRY_PAGE.test(a.getAttribute("href") || "");
      });
      offer.hidden = query.length < 2 || country;
      if (!offer.hidden && linkTemplate) {
        link.href = proposeLink(linkTemplate, query).href;
      }
    }

    var observer = new MutationObserver(refresh);
    observer.observe(meta, {childList: true, characterData: true, subtree: true});
    observer.observe(list, {childList: true});
  }

  function init() {
    toArray(document.querySelectorAll("[data-odhub-needs-js]")).forEach(function (el) {
      el.hidden = false;
    });
    var finder = document.querySelector("form[data-odhub-finder]");
    if (finder) {
      startFinder(finder);
    }
    stampPrint();
    pointReportAtThisAddress();
    startSearchOffer();
    fitRegions();
    window.addEventListener("load", fitRegions);
    window.addEventListener("resize", fitRegions);
    window.addEventListener("beforeprint", stampPrint);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
