// Placement quiz: one question per screen, every answer autosaved at once.
// Answers wait in localStorage while offline and are replayed in order when the
// connection returns, so a dropped line or a closed tab loses nothing.
(function () {
  "use strict";
  var root = document.getElementById("quiz");
  if (!root) { return; }
  var attemptId = root.dataset.attempt;
  var key = "quiz-queue-" + attemptId;
  var chosenKey = "quiz-chosen-" + attemptId;  // every choice, to redraw a page read from cache
  var sections = Array.prototype.slice.call(root.querySelectorAll(".question"));
  var dots = Array.prototype.slice.call(root.querySelectorAll(".dot"));
  var status = document.getElementById("save-status");
  var current = 0;
  var sending = false;
  var closed = false;

  function queue() {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function store(items) {
    try { localStorage.setItem(key, JSON.stringify(items)); } catch (e) { /* private mode */ }
  }
  function say(text, kind) {
    status.textContent = text;
    status.className = "save-status " + (kind || "");
  }

  function show(index) {
    current = Math.max(0, Math.min(sections.length - 1, index));
    sections.forEach(function (s, i) { s.hidden = i !== current; });
    dots.forEach(function (d, i) { d.classList.toggle("current", i === current); });
    document.getElementById("progress").textContent = root.dataset.msgProgress
      .replace("{n}", current + 1).replace("{total}", sections.length);
    document.getElementById("prev").disabled = current === 0;
    document.getElementById("next").disabled = current === sections.length - 1;
  }

  function finish() {
    if (closed) { return; }
    closed = true;
    say(root.dataset.msgClosed, "offline");
    window.location.href = root.dataset.resultUrl;
  }

  function flush() {
    var items = queue();
    if (sending) { return; }
    if (!items.length) {
      var any = dots.some(function (d) { return d.classList.contains("done"); });
      say(any ? root.dataset.msgSaved : root.dataset.msgNone, any ? "ok" : "");
      return;
    }
    sending = true;
    say(root.dataset.msgSaving, "");
    var item = items[0];
    var url = root.dataset.saveUrl.replace(/\/0$/, "/" + item.q);
    fetch(url, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
      body: JSON.stringify({ option_id: item.o }),
      redirect: "manual"  // a sign-in redirect must not look like a saved answer
    }).then(function (response) {
      sending = false;
      if (response.status === 409) { store([]); finish(); return; }
      if ([204, 404, 422].indexOf(response.status) < 0) {
        // signed out (a redirect to sign in, or 400/403 from a CSRF check without a
        // session), server busy or down: keep the queue, try again later
        var signedOut = response.type === "opaqueredirect" ||
          [400, 401, 403].indexOf(response.status) >= 0;
        say(signedOut ? root.dataset.msgSignedOut : root.dataset.msgOffline, "offline");
        return;
      }
      var rest = queue();
      if (rest.length && rest[0].q === item.q && rest[0].o === item.o) { rest.shift(); }
      store(rest);  // saved (204), or refused for good (4xx): either way it leaves the queue
      flush();
    }).catch(function () {
      sending = false;
      say(root.dataset.msgOffline, "offline");
    });
  }

  function remember(questionId, optionId) {
    var chosen = {};
    try { chosen = JSON.parse(localStorage.getItem(chosenKey) || "{}"); } catch (e) { chosen = {}; }
    chosen[questionId] = optionId;
    try { localStorage.setItem(chosenKey, JSON.stringify(chosen)); } catch (e) { /* full */ }
  }

  function answer(questionId, optionId) {
    remember(questionId, optionId);
    // keep the order of answers, but only the latest choice per question
    var items = queue().filter(function (i) { return i.q !== questionId; });
    items.push({ q: questionId, o: optionId });
    store(items);
    flush();
  }

  sections.forEach(function (section, index) {
    var qid = parseInt(section.dataset.qid, 10);
    section.addEventListener("change", function (event) {
      if (event.target.type === "radio") {
        dots[index].classList.add("done");
        answer(qid, parseInt(event.target.value, 10));
      }
    });
  });
  // choices from an earlier visit (the page may come from the offline cache) show as chosen
  function mark(q, o) {
    var input = root.querySelector('input[name="q' + q + '"][value="' + o + '"]');
    if (input) {
      input.checked = true;
      var i = sections.indexOf(input.closest(".question"));
      if (i >= 0) { dots[i].classList.add("done"); }
    }
  }
  var earlier = {};
  try { earlier = JSON.parse(localStorage.getItem(chosenKey) || "{}"); } catch (e) { earlier = {}; }
  Object.keys(earlier).forEach(function (q) { mark(q, earlier[q]); });
  queue().forEach(function (item) { mark(item.q, item.o); });
  dots.forEach(function (dot) {
    dot.addEventListener("click", function () { show(parseInt(dot.dataset.goto, 10)); });
  });
  document.getElementById("prev").addEventListener("click", function () { show(current - 1); });
  document.getElementById("next").addEventListener("click", function () { show(current + 1); });
  document.getElementById("submit-form").addEventListener("submit", function (event) {
    if (queue().length) {  // send what is waiting first; the server grades saved answers
      event.preventDefault();
      flush();
      say(root.dataset.msgOffline, "offline");
      return;
    }
    var open = [];
    dots.forEach(function (d, i) { if (!d.classList.contains("done")) { open.push(i + 1); } });
    if (open.length && !window.confirm(root.dataset.msgUnanswered
        .replace("{n}", open.length).replace("{list}", open.join(", ")))) {
      event.preventDefault();  // stay, on the first question still open
      show(open[0] - 1);
    }
  });
  window.addEventListener("online", flush);
  setInterval(flush, 10000);

  var expires = Date.parse(root.dataset.expires);
  function tick() {
    var left = Math.max(0, Math.floor((expires - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    document.getElementById("timer").textContent = m + ":" + (s < 10 ? "0" : "") + s;
    if (left <= 0 && !queue().length) { finish(); }
  }
  setInterval(tick, 1000);
  tick();
  show(0);
  flush();
})();
