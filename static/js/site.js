/* Kyozai's header menu (templates/base.html): keeps the <details> open on wide screens
   for browsers without ::details-content, and mirrors its state in aria-expanded on the
   summary. An enhancement only: without it the menu still opens and closes. */
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 48rem)");

  function setUp() {
    var menu = document.querySelector(".site-menu");
    if (!menu) { return; }
    var button = menu.querySelector("summary");

    function mirror() { button.setAttribute("aria-expanded", menu.open ? "true" : "false"); }
    function follow() { menu.open = wide.matches; mirror(); }

    menu.addEventListener("toggle", mirror);
    wide.addEventListener("change", follow);
    follow();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}());
