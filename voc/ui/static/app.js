// voc ui: progressive enhancement only (every page works without it). Loaded from this server
// (the CSP allows no inline script): filter selects submit on change, destructive buttons ask
// first, and pages waiting on a pipeline run reload themselves.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.requestSubmit();
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var button = target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Reload to show a pending edit applied, but never under a user who is typing or editing.
  function reloadLater(ms) {
    window.setTimeout(function () {
      var active = document.activeElement;
      var busy = (active && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) ||
        document.querySelector("details[open]");
      if (busy) { reloadLater(ms); } else { window.location.reload(); }
    }, ms);
  }
  // Revisione: keyboard shortcuts act on the current document (1/2/3 sentiment, a churn,
  // j/k next/previous); never while the user types in a field.
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
  var current = 0;
  function focusItem(i) {
    if (!items.length) { return; }
    items[current].classList.remove("review-current");
    current = Math.max(0, Math.min(items.length - 1, i));
    items[current].classList.add("review-current");
    items[current].scrollIntoView({block: "nearest"});
  }
  document.addEventListener("keydown", function (event) {
    if (!items.length || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var active = document.activeElement;
    if (active && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) { return; }
    if (event.key === "j") { focusItem(current + 1); return; }
    if (event.key === "k") { focusItem(current - 1); return; }
    var button = items[current].querySelector('[data-shortcut="' + event.key + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });
  var waiting = document.querySelector("[data-refresh]");
  if (waiting) {
    var seconds = parseInt(waiting.getAttribute("data-refresh"), 10);
    if (seconds > 0) { reloadLater(seconds * 1000); }
  }
})();
