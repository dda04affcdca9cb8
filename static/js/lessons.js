/* The lesson builder's small helpers: plain JavaScript on top of htmx, no build step.
 *
 * - keeps 400 (form errors) and 409 (someone else saved first) responses visible: htmx
 *   would otherwise drop them, and with them the text the teacher typed;
 * - reorders steps by dragging (mouse, pen or finger) and with the Move up/down buttons,
 *   moving the existing DOM nodes so any step form still open keeps its text;
 * - links library materials found by the inline search into the step form;
 * - fills in the lesson length (45 or 50 minutes) when a grade is picked.
 * Every form also works without JavaScript: these only make it quicker.
 */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function stepsList() {
    return document.getElementById("steps");
  }

  function stepItems(list) {
    return Array.prototype.filter.call(list.children, function (el) {
      return el.matches(".step[data-step-id]") && el.dataset.stepId;
    });
  }

  function announce(text) {
    var region = document.getElementById("steps-announcer");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function fill(template, number, count) {
    return (template || "").replace("__N__", number).replace("__C__", count);
  }

  /* Numbers, "step 2 of 5" labels and the first/last disabled arrows, after any change. */
  function renumber() {
    var list = stepsList();
    if (!list) return;
    var items = stepItems(list);
    items.forEach(function (item, index) {
      var number = item.querySelector("[data-step-number]");
      if (number) number.textContent = index + 1;
      var position = item.querySelector("[data-step-position]");
      if (position) position.textContent = fill(list.dataset.positionLabel, index + 1, items.length);
      var up = item.querySelector("[data-move=up]");
      var down = item.querySelector("[data-move=down]");
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === items.length - 1;
    });
    var empty = document.getElementById("no-steps");
    if (empty) empty.hidden = items.length > 0;
  }

  function currentOrder(list) {
    return stepItems(list).map(function (item) { return Number(item.dataset.stepId); });
  }

  /* Put the step elements in the server's order, moving (not re-rendering) them. */
  function applyOrder(order) {
    var list = stepsList();
    var shown = currentOrder(list).slice().sort().join(",");
    if (shown !== order.slice().sort().join(",")) {
      showStale();
      return false;
    }
    order.forEach(function (id) {
      var item = document.getElementById("step-" + id);
      if (item) list.appendChild(item);
    });
    renumber();
    return true;
  }

  function showStale() {
    var list = stepsList();
    if (!list || document.getElementById("steps-stale")) return;
    var note = document.createElement("p");
    note.id = "steps-stale";
    note.className = "notice";
    note.setAttribute("role", "alert");
    var link = document.createElement("a");
    link.href = window.location.pathname;
    link.textContent = list.dataset.staleLabel || "Reload";
    note.appendChild(link);
    list.parentNode.insertBefore(note, list);
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    });
  }

  /* Move up / Move down: keyboard- and screen-reader-friendly reordering. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form.js-move") || !window.fetch) return;
    event.preventDefault();
    var item = form.closest(".step");
    var direction = form.querySelector("[name=direction]").value;
    post(form.action, new FormData(form)).then(function (result) {
      if (result.status !== 200 || !applyOrder(result.data.order)) return;
      var button = item.querySelector("[data-move=" + direction + "]");
      if (button && button.disabled) button = item.querySelector("[data-move]:not([disabled])");
      if (button) button.focus();
      var items = stepItems(stepsList());
      announce(fill(stepsList().dataset.movedLabel, items.indexOf(item) + 1, items.length));
    });
  });

  /* Drag by the handle, with pointer events so a finger on a tablet works like a mouse. */
  document.addEventListener("pointerdown", function (event) {
    var handle = event.target.closest("[data-drag-handle]");
    var list = stepsList();
    if (!handle || !list || !list.dataset.reorderUrl) return;
    var item = handle.closest(".step");
    var before = currentOrder(list).join(",");
    event.preventDefault();
    // Listen on the document, not the handle: moving the step in the DOM would drop a
    // pointer capture on the handle, and with it the rest of the drag.
    var pointer = event.pointerId;
    item.classList.add("step--dragging");

    function onMove(moveEvent) {
      if (moveEvent.pointerId !== pointer) return;
      moveEvent.preventDefault();
      var y = moveEvent.clientY;
      var others = stepItems(list).filter(function (el) { return el !== item; });
      var next = null;
      for (var i = 0; i < others.length; i++) {
        var box = others[i].getBoundingClientRect();
        if (y < box.top + box.height / 2) { next = others[i]; break; }
      }
      if (next !== item.nextElementSibling) list.insertBefore(item, next);
      if (y < 60) window.scrollBy(0, -12);
      else if (y > window.innerHeight - 60) window.scrollBy(0, 12);
    }

    function onEnd(endEvent) {
      if (endEvent.pointerId !== pointer) return;
      document.removeEventListener("pointermove", onMove);
      document.removeEventListener("pointerup", onEnd);
      document.removeEventListener("pointercancel", onEnd);
      item.classList.remove("step--dragging");
      renumber();
      var order = currentOrder(list);
      if (order.join(",") === before) return;
      var body = new FormData();
      body.append("order", order.join(","));
      post(list.dataset.reorderUrl, body).then(function (result) {
        if (result.data && result.data.order) applyOrder(result.data.order);
        var items = stepItems(list);
        announce(fill(list.dataset.movedLabel, items.indexOf(item) + 1, items.length));
      });
    }

    document.addEventListener("pointermove", onMove, { passive: false });
    document.addEventListener("pointerup", onEnd);
    document.addEventListener("pointercancel", onEnd);
  });

  /* Ask before deleting or handing over (forms and single buttons alike). */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var message = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  /* Library search inside a step form: Enter searches instead of saving the step. */
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key === "Enter" && input.matches && input.matches("[data-material-search] input")) {
      event.preventDefault();
      if (window.htmx) window.htmx.trigger(input, "search");
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-link-material]");
    if (!button) return;
    var list = document.getElementById(button.dataset.target);
    if (!list) return;
    var id = button.dataset.linkMaterial;
    var existing = list.querySelector("input[value='" + CSS.escape(id) + "']");
    if (existing) {
      existing.checked = true;
    } else {
      var item = document.createElement("li");
      item.className = "chip chip--new";
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = "materials";
      box.value = id;
      box.checked = true;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + button.dataset.title));
      item.appendChild(label);
      list.appendChild(item);
    }
    button.disabled = true;
    button.textContent = button.dataset.linkedLabel || "✓";
    var form = list.closest("form");
    var region = form && form.querySelector(".material-results");
    if (region) region.setAttribute("data-last-linked", button.dataset.title);
  });

  /* The usual lesson length for the grade, until the teacher types their own. */
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[name=grade]")) return;
    var form = select.closest("[data-lesson-length-form]");
    var length = form && form.querySelector("input[name=length_minutes]");
    if (!length || length.dataset.touched) return;
    var option = select.options[select.selectedIndex];
    length.value = option && option.dataset.lessonMinutes ? option.dataset.lessonMinutes : "";
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[name=length_minutes]")) {
      event.target.dataset.touched = "1";
    }
  });

  /* "Add to a lesson plan": show only the fields of the chosen target. */
  function showTargetFields(form) {
    var chosen = form.querySelector("input[name=target]:checked");
    form.querySelectorAll(".radio-details").forEach(function (box) {
      box.hidden = !chosen || box.dataset.for !== chosen.value;
    });
  }
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("[data-add-material]");
    if (form) showTargetFields(form);
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-add-material]").forEach(showTargetFields);
    renumber();
  });

  if (!window.htmx) return;

  /* Show form errors (400), conflicts (409) and "saving too fast" (429) instead of dropping them. */
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 409 || status === 429) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function focusLost() {
    return !document.activeElement || document.activeElement === document.body;
  }

  function focusHere(element) {
    if (!element.matches("a[href], button, input, select, textarea")) element.setAttribute("tabindex", "-1");
    element.focus();
  }

  /* New content from the server: renumber, and put the keyboard focus where the teacher
   * expects it (a conflict message, the first field of a form just opened, the step just
   * saved, the add form after adding, the Edit details link after the details are saved
   * or cancelled). */
  document.body.addEventListener("htmx:load", function (event) {
    var element = event.detail.elt;
    if (!element || !element.matches) return;
    renumber();
    var alert = element.matches("[data-autofocus]") ? element : element.querySelector("[data-autofocus]");
    if (alert) { alert.focus(); return; }
    if (element.matches(".step--editing, .plan-header--editing") || element.matches("#add-step-form") && element.querySelector(".field--error")) {
      var first = element.querySelector(".field--error select, .field--error input, .field--error textarea") ||
        element.querySelector("select, input:not([type=hidden]), textarea");
      if (first) first.focus();
    } else if (element.matches(".step[data-step-id]") && !document.activeElement.closest("form")) {
      focusHere(element);
    } else if (element.matches("#plan-header") && focusLost()) {
      focusHere(element.querySelector("[hx-get]") || element.querySelector("h1"));
    }
  });

  /* A step deleted in place leaves nothing behind to hold the focus: move it to the step
   * that took its place, else the one before it, else the "Add a step" heading. */
  var neighbour = null;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    neighbour = target && target.matches && target.matches(".step[data-step-id]") ?
      target.nextElementSibling || target.previousElementSibling || document.getElementById("add-step-heading") :
      null;
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var fallback = neighbour;
    neighbour = null;
    if (fallback && fallback.isConnected && !(target && target.isConnected) && focusLost()) focusHere(fallback);
  });
})();
