/* Claimdesk desk: small progressive enhancements. No inline scripts anywhere (CSP-friendly). */
(function () {
  "use strict";

  // Live character counter for fields with data-soft-limit (the verdict summary).
  function bindCounter(field) {
    if (field.dataset.counterBound) return;
    field.dataset.counterBound = "1";
    var limit = parseInt(field.dataset.softLimit, 10);
    var counter = document.getElementById(field.dataset.counter);
    if (!counter || !limit) return;
    var update = function () {
      var length = Array.from(field.value).length;
      var over = length > limit;
      // Wording comes translated from the page (data-ok, data-over): "%(length)s / %(limit)s …".
      var template = (over ? counter.dataset.over : counter.dataset.ok) || "%(length)s / %(limit)s";
      counter.textContent = fill(template, { length: length, limit: limit });
      counter.classList.toggle("over", over);
      counter.dataset.length = String(length);
    };
    field.addEventListener("input", update);
    update();
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) {
      var value = values[name];
      return typeof value === "number" ? localDigits(String(value)) : String(value);
    });
  }

  // The reader's digits (Western or Arabic-Indic), as the page says in <html data-digits>.
  function localDigits(text) {
    if (document.documentElement.dataset.digits !== "arabic-indic") return text;
    return text.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x0660 + Number(d)); });
  }

  // Header menu: a disclosure on phones, always open on wider screens (CSS does the same
  // where the browser can style ::details-content; this covers the others).
  var wide = window.matchMedia("(min-width: 761px)");
  function syncMenu() {
    document.querySelectorAll("[data-menu]").forEach(function (menu) { menu.open = wide.matches; });
  }
  if (wide.addEventListener) wide.addEventListener("change", syncMenu);

  // After an htmx action, focus its result and say what happened (WCAG 4.1.3, 2.4.3).
  document.addEventListener("htmx:afterSettle", function (event) {
    var elt = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!elt || !elt.dataset) return;
    if (elt.dataset.focus) {
      var target = document.querySelector(elt.dataset.focus);
      if (target) target.focus();
    }
    var announcer = document.getElementById("announcer");
    if (announcer && elt.dataset.announce) {
      var failed = event.detail.xhr && event.detail.xhr.status >= 400;
      announcer.textContent = failed ? (elt.dataset.announceError || "") : elt.dataset.announce;
    }
  });

  function init(root) {
    (root || document).querySelectorAll("[data-soft-limit]").forEach(bindCounter);
  }

  // Autosaved forms: submitting must not race a draft save (it would make the submit stale).
  // Hold the submit until a save in flight has answered (and updated `version`), and stop
  // any save that was still waiting for its typing delay.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-autosave]")) return;
    form.dataset.submitting = "1";
    if (form.classList.contains("htmx-request")) {
      event.preventDefault();
      form.addEventListener("htmx:afterRequest", function () { form.submit(); }, { once: true });
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.dataset && elt.dataset.submitting) event.preventDefault();
  });

  // "Use my text selection": fill start/end inputs with article offsets of the selection.
  // Offsets count code points from the element's data-offset-base (where its text starts in the
  // article), as Python slices the body; JavaScript strings count UTF-16 units instead.
  function codePoints(text) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
      count++;
    }
    return count;
  }

  function offsetIn(root, node, offset) {
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return parseInt(root.dataset.offsetBase, 10) + codePoints(range.toString());
  }

  function selectionIn(root) {
    var selection = window.getSelection();
    if (!selection || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
    var text = range.toString();
    // A dragged selection often takes a space or a line break with it: leave those out.
    var lead = codePoints(text.slice(0, text.length - text.replace(/^\s+/, "").length));
    var trimmed = text.trim();
    var start = offsetIn(root, range.startContainer, range.startOffset) + lead;
    return { start: start, end: start + codePoints(trimmed), text: trimmed };
  }

  // Clicking the button must not depend on the selection surviving the click: remember the
  // last selection made inside each selectable text.
  var lastSelection = {};
  document.addEventListener("selectionchange", function () {
    document.querySelectorAll("[data-offset-base][id]").forEach(function (root) {
      var found = selectionIn(root);
      if (found) lastSelection[root.id] = found;
    });
  });

  function setValue(id, value) {
    var input = id && document.getElementById(id);
    if (!input) return;
    input.value = String(value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-use-selection]");
    if (!button) return;
    event.preventDefault();
    var root = document.getElementById(button.dataset.source);
    var preview = document.getElementById(button.dataset.preview);
    if (!root) return;
    var found = selectionIn(root) || lastSelection[root.id];
    var wantsRange = Boolean(button.dataset.end);
    if (!found || (wantsRange && !found.text)) {
      if (preview) {
        preview.textContent = button.dataset.msgEmpty || "";
        preview.classList.add("error");
      }
      return;
    }
    setValue(button.dataset.start, found.start);
    if (wantsRange) setValue(button.dataset.end, found.end);
    if (preview) {
      preview.classList.remove("error");
      preview.textContent = wantsRange
        ? fill(button.dataset.msgSelected || "%(text)s", { text: found.text })
        : fill(button.dataset.msgSplit || "%(start)s", { start: found.start });
      preview.dataset.start = String(found.start);
      if (wantsRange) preview.dataset.end = String(found.end);
    }
  });

  // Selecting with the keyboard (WCAG 2.1.1): a selectable text that has a hint on the page
  // (data-selection-hint="<id>") takes focus, and while it has it the arrow keys move a caret
  // through it and Shift+arrows select, as in a text field (Ctrl: by word; Home/End: the line).
  // Left and right follow the text's reading direction. The selectionchange listener above
  // records the result for "Use my text selection", as it does for a mouse selection.
  function caretStart(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var first = walker.nextNode();
    if (first) window.getSelection().collapse(first, 0);
  }

  // Chromium paints no caret in text that is not editable: mark the character after it instead
  // (CSS Custom Highlight API, styled as ::highlight(text-caret) in desk.css).
  function showCaret(root) {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    CSS.highlights.delete("text-caret");
    var selection = window.getSelection();
    if (document.activeElement !== root || !selection.rangeCount || !selection.isCollapsed) return;
    var node = selection.focusNode;
    var offset = selection.focusOffset;
    if (node.nodeType !== Node.TEXT_NODE || offset >= node.data.length) {
      // The caret sits between nodes: the first text after it.
      var caret = selection.getRangeAt(0);
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.data.length && caret.comparePoint(node, 0) >= 0) break;
      }
      offset = 0;
    }
    if (!node || !root.contains(node)) return;
    var next = document.createRange();
    next.setStart(node, offset);
    next.setEnd(node, Math.min(node.data.length, offset + 1));
    CSS.highlights.set("text-caret", new Highlight(next));
  }

  function describeCaret(root) {
    showCaret(root);
    var status = document.querySelector('[data-selection-status="' + root.id + '"]');
    var found = selectionIn(root);
    if (!status || !found) return;
    if (found.text) {
      status.textContent = fill(status.dataset.msgSelected || "%(text)s", { text: found.text });
    } else {
      var range = window.getSelection().getRangeAt(0).cloneRange();
      range.setEndAfter(root.lastChild || root);
      var ahead = range.toString().trim().slice(0, 30);
      status.textContent = fill(status.dataset.msgAt || "%(text)s", { text: ahead });
    }
  }

  var CARET_KEYS = {
    ArrowLeft: "inline", ArrowRight: "inline", ArrowUp: "line", ArrowDown: "line",
    Home: "lineboundary", End: "lineboundary"
  };

  function caretKey(event) {
    var root = event.currentTarget;
    var granularity = CARET_KEYS[event.key];
    if (!granularity || event.altKey || event.metaKey) return;
    var selection = window.getSelection();
    if (!selection.rangeCount || !root.contains(selection.focusNode)) caretStart(root);
    var forward = event.key === "ArrowDown" || event.key === "End";
    if (granularity === "inline") {
      var rtl = getComputedStyle(root).direction === "rtl";
      forward = (event.key === "ArrowRight") !== rtl;
      granularity = event.ctrlKey ? "word" : "character";
    }
    var was = [selection.anchorNode, selection.anchorOffset, selection.focusNode,
               selection.focusOffset];
    selection.modify(event.shiftKey ? "extend" : "move", forward ? "forward" : "backward",
                     granularity);
    if (!root.contains(selection.focusNode)) {  // never past the ends of this text
      selection.setBaseAndExtent(was[0], was[1], was[2], was[3]);
    }
    event.preventDefault();
    describeCaret(root);
  }

  function keyboardSelectable(scope) {
    (scope || document).querySelectorAll("[data-selection-hint]").forEach(function (hint) {
      var root = document.getElementById(hint.dataset.selectionHint);
      if (!root || root.dataset.keyboardSelect) return;
      root.dataset.keyboardSelect = "1";
      root.tabIndex = 0;
      if (hint.id) root.setAttribute("aria-describedby", hint.id);
      root.addEventListener("keydown", caretKey);
      root.addEventListener("blur", function () {
        if (window.CSS && CSS.highlights) CSS.highlights.delete("text-caret");
      });
      root.addEventListener("focus", function () {
        var selection = window.getSelection();
        if (!selection.rangeCount || !root.contains(selection.focusNode)) caretStart(root);
        describeCaret(root);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { keyboardSelectable(document); });
  document.addEventListener("htmx:load", function () { keyboardSelectable(document); });

  document.addEventListener("DOMContentLoaded", function () { syncMenu(); init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
