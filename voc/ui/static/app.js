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
  var waiting = document.querySelector("[data-refresh]");
  if (waiting) {
    var seconds = parseInt(waiting.getAttribute("data-refresh"), 10);
    if (seconds > 0) { reloadLater(seconds * 1000); }
  }
})();
