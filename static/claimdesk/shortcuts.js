/* Keyboard shortcuts for the checker's and editor's loop.
 *
 * An element carrying data-shortcut="k" answers the key k: a field is focused, anything else is
 * clicked. Shortcuts never fire while typing in a field (or moving a caret through an article's
 * text), or with Ctrl/Alt/Meta held, and the whole
 * feature is off when <body data-shortcuts="off"> (a per-person setting, WCAG 2.1.4).
 * "?" opens the list of shortcuts; j / k move between the claims of a list.
 */
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.closest) return false;
    return Boolean(
      target.closest(
        "input, textarea, select, [contenteditable=''], [contenteditable='true'], " +
        "[data-keyboard-select]"  // a text with a keyboard caret (desk.js) is read like a field
      )
    );
  }

  function visible(element) {
    return element.offsetParent !== null || element.getClientRects().length > 0;
  }

  function target(key) {
    var candidates = document.querySelectorAll('[data-shortcut="' + CSS.escape(key) + '"]');
    for (var i = 0; i < candidates.length; i++) {
      if (visible(candidates[i]) && !candidates[i].disabled) return candidates[i];
    }
    return null;
  }

  function moveInList(step) {
    var items = Array.prototype.filter.call(
      document.querySelectorAll("[data-nav-item]"), visible
    );
    if (!items.length) return false;
    var current = items.indexOf(document.activeElement);
    var next = current === -1 ? (step > 0 ? 0 : items.length - 1) : current + step;
    next = Math.max(0, Math.min(items.length - 1, next));
    items[next].focus();
    return true;
  }

  function showHelp() {
    var help = document.getElementById("shortcut-help");
    if (help && typeof help.showModal === "function" && !help.open) help.showModal();
    return Boolean(help);
  }

  document.addEventListener("keydown", function (event) {
    if (document.body.dataset.shortcuts === "off") return;
    if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    if (typing(event.target)) return;
    var key = event.key;
    var handled = false;
    if (key === "?") {
      handled = showHelp();
    } else if (key === "j" || key === "k") {
      handled = moveInList(key === "j" ? 1 : -1);
    } else {
      var element = target(key);
      if (element) {
        if (element.matches("input, textarea, select")) element.focus();
        else element.click();
        handled = true;
      }
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var closer = event.target.closest && event.target.closest("[data-close-dialog]");
    if (closer) closer.closest("dialog").close();
  });
})();
