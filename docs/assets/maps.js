/*
 * Maps whose countries can be selected (the dashboard's and the hub pages'): each country
 * in the hub's data is a focusable SVG path named by its <title> ("Kenya: Current OGP
 * member"). Hover shows that title as a tooltip; this script also writes it into the
 * readout line under the map when a country is hovered, focused (Tab) or tapped, so the
 * name and value reach touch and keyboard users too. Without JavaScript the readout stays
 * hidden and the table under each map gives every value. Plain ES5; a no-op elsewhere.
 */
(function () {
  "use strict";

  function start(figure) {
    var readout = figure.querySelector("[data-odhub-readout]");
    var svg = figure.querySelector("svg");
    if (!readout || !svg) {
      return;
    }
    var current = null;

    function show(path) {
      var title = path.querySelector("title");
      if (!title) {
        return;
      }
      if (current) {
        current.classList.remove("odhub-selected");
      }
      current = path;
      path.classList.add("odhub-selected");
      readout.textContent = title.textContent;
    }

    function target(event) {
      var node = event.target;
      return node && node.getAttribute && node.getAttribute("tabindex") !== null ? node : null;
    }

    ["focusin", "mouseover", "click"].forEach(function (name) {
      svg.addEventListener(name, function (event) {
        var path = target(event);
        if (path) {
          show(path);
        }
      });
    });
    readout.hidden = false;
  }

  function init() {
    var figures = document.querySelectorAll("figure.odhub-map-figure");
    for (var i = 0; i < figures.length; i += 1) {
      start(figures[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
