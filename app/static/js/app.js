// Registers the service worker that keeps opened lessons and quizzes readable offline.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  // after the page's own files have arrived, so the worker finds them in the browser's
  // cache instead of fetching them a second time over a slow line
  function register() {
    navigator.serviceWorker.register("/sw.js").then(function () {
      // a shared office computer: the sign-in page forgets the previous person's pages
      if (document.body.dataset.forgetPages && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage("forget-pages");
      }
    });
  }
  if (document.readyState === "complete") { register(); } else {
    window.addEventListener("load", register);
  }
})();

// A step that cannot be undone (a person left, a duty ended, an override approved, a
// certificate revoked) asks first: <form data-confirm="...">.
document.addEventListener("submit", function (event) {
  "use strict";
  var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) { event.preventDefault(); }
});

// A list of checkboxes: "select everyone shown" (<input data-select-all="name">) and a count
// of those chosen (<p data-count-of="name" data-template="{n} ...">), kept in step.
(function () {
  "use strict";
  var counters = document.querySelectorAll("[data-count-of]");
  var toggles = document.querySelectorAll("[data-select-all]");
  if (!counters.length && !toggles.length) { return; }
  function boxes(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox][name="' + name + '"]'));
  }
  function refresh(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-count-of]"), function (p) {
      var chosen = boxes(form, p.dataset.countOf).filter(function (b) { return b.checked; });
      p.textContent = p.dataset.template.replace("{n}", chosen.length);
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-select-all]"), function (t) {
      var all = boxes(form, t.dataset.selectAll);
      var on = all.filter(function (b) { return b.checked; }).length;
      t.checked = all.length > 0 && on === all.length;
      t.indeterminate = on > 0 && on < all.length;
    });
  }
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.form) { return; }
    if (box.dataset && box.dataset.selectAll) {
      boxes(box.form, box.dataset.selectAll).forEach(function (b) { b.checked = box.checked; });
    }
    refresh(box.form);
  });
  Array.prototype.forEach.call(counters, function (p) { if (p.closest("form")) { refresh(p.closest("form")); } });
})();

// A form sent back with problems: the summary of them takes the focus, so a screen reader
// reads it and a keyboard user goes from it straight to each field.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();

// A phone: the site menu folds behind "Menu" (the CSS shows the button only on a narrow
// screen); without JavaScript the whole menu stays open.
(function () {
  "use strict";
  var header = document.querySelector("header.top");
  var button = header && header.querySelector(".menu-toggle");
  if (!button) { return; }
  header.classList.add("js-menu", "menu-closed");
  button.addEventListener("click", function () {
    var closed = header.classList.toggle("menu-closed");
    button.setAttribute("aria-expanded", closed ? "false" : "true");
  });
})();
