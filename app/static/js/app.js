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
