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
      counter.textContent = over
        ? length + " / " + limit + " characters: readers will see it cut. Shorten it."
        : length + " / " + limit + " characters";
      counter.classList.toggle("over", over);
      counter.dataset.length = String(length);
    };
    field.addEventListener("input", update);
    update();
  }

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

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
