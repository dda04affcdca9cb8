/* Kyozai search: keyboard use of the header box's suggestions, and the filter panel on
   phones. Everything here is an enhancement: without it the box and the page still work. */
(function () {
  "use strict";

  function suggestionLinks() {
    return Array.prototype.slice.call(
      document.querySelectorAll("#site-search-suggestions a")
    );
  }

  function clearSuggestions() {
    var box = document.getElementById("site-search-suggestions");
    if (box) { box.innerHTML = ""; }
  }

  document.addEventListener("keydown", function (event) {
    var input = document.getElementById("site-search-q");
    if (!input) { return; }
    var links = suggestionLinks();
    var index = links.indexOf(document.activeElement);
    if (event.key === "Escape" && (event.target === input || index !== -1)) {
      clearSuggestions();
      input.focus();
    } else if (event.key === "ArrowDown" && links.length && (event.target === input || index !== -1)) {
      event.preventDefault();
      links[Math.min(index + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && index !== -1) {
      event.preventDefault();
      if (index === 0) { input.focus(); } else { links[index - 1].focus(); }
    }
  });

  /* On a phone the filters start folded away (results first) unless some are in use;
     the server sends them open, so without JavaScript they are simply shown. */
  function foldFilters() {
    var filters = document.querySelector(".search-filters");
    if (!filters || !window.matchMedia("(max-width: 47.99rem)").matches) { return; }
    if (!filters.querySelector("input:checked")) { filters.open = false; }
  }
  document.addEventListener("DOMContentLoaded", foldFilters);
  /* Widening the window (or turning a tablet) must not leave them folded with no toggle. */
  window.matchMedia("(min-width: 48rem)").addEventListener("change", function (query) {
    var filters = document.querySelector(".search-filters");
    if (filters && query.matches) { filters.open = true; }
  });

  /* A ticked facet or a new sort order refreshes the results. Told to htmx as a named
     event, not an hx-trigger filter expression: those need eval, which the
     Content-Security-Policy forbids. */
  document.addEventListener("change", function (event) {
    var form = document.getElementById("search-form");
    var target = event.target;
    if (form && target.matches && target.matches(".search-facets input, #search-sort")) {
      form.dispatchEvent(new CustomEvent("kyozai:filters-changed", { bubbles: true }));
    }
  });
}());
