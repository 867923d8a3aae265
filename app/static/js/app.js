// Registers the service worker that keeps opened lessons and quizzes readable offline.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  navigator.serviceWorker.register("/sw.js").then(function () {
    // a shared office computer: the sign-in page forgets the previous person's pages
    if (document.body.dataset.forgetPages && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage("forget-pages");
    }
  });
})();
