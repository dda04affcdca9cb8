/* Library pages: progressive enhancement only. Without this file the share link is still
   visible and selectable, and the browser's own Print menu still uses the print styles. */
(function () {
  "use strict";

  function setUpPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function copyText(input) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(input.value);
    }
    // Older browsers and plain-http sites: select and use the legacy command.
    input.focus();
    input.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  function setUpShare() {
    document.querySelectorAll("[data-share]").forEach(function (box) {
      var input = box.querySelector("[data-share-url]");
      var copy = box.querySelector("[data-copy]");
      var share = box.querySelector("[data-native-share]");
      var status = box.querySelector("[data-share-status]");
      if (!input) { return; }
      input.addEventListener("focus", function () { input.select(); });
      if (copy) {
        copy.hidden = false;
        copy.addEventListener("click", function () {
          copyText(input).then(
            function () { status.textContent = copy.dataset.done; },
            function () { input.select(); status.textContent = copy.dataset.failed; }
          );
        });
      }
      if (share && navigator.share) {
        share.hidden = false;
        share.addEventListener("click", function () {
          navigator.share({ title: share.dataset.title, url: input.value }).catch(function () {});
        });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpPrint(); setUpShare(); });
  } else {
    setUpPrint();
    setUpShare();
  }
})();
