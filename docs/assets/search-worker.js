/*
 * The web edition's search: Material's search box and result list, Pagefind behind them.
 *
 * Material's bundle starts this file as its search worker (overrides/main.html names it
 * in the page config) and talks to it with its usual messages: SETUP, then QUERY for
 * each change of the query; it expects READY, then a RESULT for each query. Pagefind's
 * script, its WebAssembly and the index chunks are fetched only when the reader first
 * types, and then only what the query needs: nothing grows with the size of the hub.
 *
 * The offline edition does not use this file: it keeps Material's own worker and index,
 * which work from file://.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
var SHOWN = 12;        // results listed (each costs one small fragment request)
var FIRST = 6;         // shown as soon as they arrive: one round of a browser's 6
                       // connections to a host, then the rest follow
var SECTIONS = 3;      // headings shown under a page; the rest fold under "more"
var SETTLE_MS = 120;   // a pause between keys longer than this shows results
// This file sits at assets/search-worker.js: the site's root is one folder up.
var ROOT = new URL("../", self.location.href);
// Pagefind matches words as prefixes and ranks by how often they occur, so "CIV" finds
// the civic participation sector before Côte d'Ivoire. Pages mark the identifiers a
// reader may type (ISO codes, commitment IDs) with data-pagefind-filter="id", in upper
// case; a one-word query equal to one of them lists those pages first.
var ID_FILTER = "id";
var pagefind = null;
var latest = 0;

function load() {
  if (pagefind === null) {
    pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (module) {
      // URLs come back root-relative ("/countries/ken/"); Material wants them relative to
      // the site's base, which works wherever the site is hosted.
      return module.options({ baseUrl: "/", excerptLength: 24 }).then(function () {
        return module;
      });
    });
  }
  return pagefind;
}

function escapeText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function siteRelative(url) {
  return url.replace(/^\/+/, "");
}

// One result of Material's shape: the page first, then its matching headings.
function group(page, score, terms) {
  var items = [{
    location: siteRelative(page.url),
    title: escapeText(page.meta && page.meta.title ? page.meta.title : page.url),
    text: "<p>" + page.excerpt + "</p>",
    score: score,
    terms: terms
  }];
  (page.sub_results || []).forEach(function (section) {
    // The page's own text and its title heading are shown as the page, above.
    if (section.url.indexOf("#") === -1) return;
    if (section.anchor && section.anchor.element === "h1") return;
    items.push({
      location: siteRelative(section.url),
      title: escapeText(section.title),
      text: "<p>" + section.excerpt + "</p>",
      // Below the page's score, Material folds a section under "more".
      score: items.length <= SECTIONS ? score : score / 2,
      terms: terms
    });
  });
  return items;
}

// An edition shows the pages it has not translated yet in English (their shown_in meta
// says so): list them after the edition's own pages, and score them below those, as
// Material opens the best-scored result on Enter. Order is kept otherwise.
function editionFirst(pages, scores) {
  var found = pages.map(function (page, index) {
    return { page: page, score: scores[index], fallback: !!(page.meta && page.meta.shown_in) };
  });
  var own = found.filter(function (item) { return !item.fallback; });
  var floor = own.reduce(function (low, item) { return Math.min(low, item.score); }, Infinity);
  var shown = found.filter(function (item) { return item.fallback; }).map(function (item) {
    return { page: item.page, score: Math.min(item.score, floor / 2) };
  });
  return own.concat(shown);
}

function respond(items) {
  self.postMessage({ type: RESULT, data: { items: items } });
}

function query(text) {
  var ticket = ++latest;
  var value = String(text || "").trim();
  if (!value) {
    respond([]);
    return;
  }
  var terms = {};
  value.split(/\s+/).forEach(function (word) { terms[word] = true; });
  var identifier = /^\S+$/.test(value) ? value.toUpperCase() : null;
  load()
    .then(function (module) {
      var filters = {};
      filters[ID_FILTER] = identifier;
      // The identifier is in its page's text, so the filter narrows the word's own
      // results: a search without a word would load every index chunk to list pages.
      return Promise.all([
        identifier ? module.search(value, { filters: filters }) : null,
        module.search(value)
      ]);
    })
    .then(function (searches) {
      // The index chunks for this word are loaded now; fetch the results' fragments
      // only once the reader pauses, not for every letter typed on the way.
      return new Promise(function (resolve) {
        setTimeout(function () { resolve(searches); }, SETTLE_MS);
      });
    })
    .then(function (searches) {
      if (ticket !== latest || !searches[1]) return null;
      var exact = searches[0] ? searches[0].results : [];
      var seen = {};
      var hits = exact.concat(searches[1].results).filter(function (hit) {
        if (seen[hit.id]) return false;
        seen[hit.id] = true;
        return true;
      }).slice(0, SHOWN);
      // Exact identifiers first: give them a score above every other result.
      var top = hits.reduce(function (best, hit) { return Math.max(best, hit.score); }, 0);
      var scores = hits.map(function (hit, index) {
        return index < exact.length ? top + exact.length - index : hit.score;
      });
      function show(count) {
        return Promise.all(hits.slice(0, count).map(function (hit) { return hit.data(); }))
          .then(function (pages) {
            if (ticket !== latest) return;
            respond(editionFirst(pages, scores).map(function (found) {
              return group(found.page, found.score, terms);
            }));
          });
      }
      return hits.length > FIRST
        ? show(FIRST).then(function () { return ticket === latest && show(hits.length); })
        : show(hits.length);
    })
    .catch(function (error) {
      if (ticket === latest) respond([]);
      console.error("search:", error); // eslint-disable-line no-console
    });
}

// The page says when the reader opens the search box (overrides/main.html): Pagefind's
// script, WebAssembly and metadata load then, while the reader types, not on page load.
if (typeof BroadcastChannel !== "undefined") {
  new BroadcastChannel("odhub-search").onmessage = function () {
    load().then(function (module) { return module.init(); });
  };
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === SETUP) {
    self.postMessage({ type: READY }); // Pagefind loads on the first query, not before
  } else if (message.type === QUERY) {
    query(message.data);
  }
});
