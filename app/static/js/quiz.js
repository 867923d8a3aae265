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
  // adaptive quizzes come in sets: the next set is asked for once this one is answered
  var adaptive = root.dataset.adaptive === "1";
  var done = root.dataset.done === "1";
  var blockStart = parseInt(root.dataset.blockStart || "0", 10);
  var wantNext = false;
  var asking = false;
  var wantSubmit = false;  // pressed "submit" while answers or the line were not ready
  var submitting = false;
  var warned = false;
  var form = document.getElementById("submit-form");
  var notice = document.getElementById("quiz-notice");

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
  // things a person must not miss (the 5-minute warning, a submit waiting for the line):
  // a separate live region, so the per-answer status and the clock are not read out
  function announce(text, kind) {
    notice.textContent = text;
    notice.className = "quiz-notice " + (kind || "");
  }
  function answeredCount() {
    return dots.filter(function (d) { return d.classList.contains("done"); }).length;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }
  // each number button says what it is: answered or not, and which one is on screen
  function label(i) {
    var d = dots[i];
    var answered = d.classList.contains("done");
    d.setAttribute("aria-label", fill(answered ? root.dataset.msgDotDone : root.dataset.msgDotOpen,
      { n: i + 1 }));
    if (i === current) { d.setAttribute("aria-current", "step"); } else {
      d.removeAttribute("aria-current");
    }
  }
  function markDone(i) {
    dots[i].classList.add("done");
    label(i);
  }
  function highlight(section) {
    Array.prototype.forEach.call(section.querySelectorAll(".option"), function (l) {
      l.classList.toggle("chosen", l.querySelector("input").checked);
    });
  }

  function show(index, focus) {
    current = Math.max(0, Math.min(sections.length - 1, index));
    sections.forEach(function (s, i) { s.hidden = i !== current; });
    dots.forEach(function (d, i) { d.classList.toggle("current", i === current); label(i); });
    if (focus) {  // the question's heading: read out, and one Tab from its first option
      sections[current].querySelector("h2").focus();
    }
    document.getElementById("progress").textContent = root.dataset.msgProgress
      .replace("{n}", current + 1).replace("{total}", sections.length);
    document.getElementById("prev").disabled = current === 0;
    var last = current === sections.length - 1;
    var nextButton = document.getElementById("next");
    var moreToCome = adaptive && !done && last;
    nextButton.disabled = last && !moreToCome;
    nextButton.textContent = moreToCome ? root.dataset.msgNextBlock : root.dataset.msgNext;
  }

  function setDone() {
    done = true;
    document.getElementById("submit-form").hidden = false;
    say(root.dataset.msgDone, "ok");
    show(current);
    document.querySelector("#submit-form button").focus();
  }

  function addQuestion(q) {
    var index = sections.length;
    var section = document.createElement("section");
    section.className = "question";
    section.dataset.qid = q.id;
    section.id = "q" + (index + 1);
    var h = document.createElement("h2");
    h.textContent = root.dataset.msgQuestion.replace("{n}", index + 1);
    h.tabIndex = -1;
    var p = document.createElement("p");
    p.className = "qtext";
    p.textContent = q.text;
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.className = "visually-hidden";
    legend.textContent = root.dataset.msgChoose;
    fieldset.appendChild(legend);
    q.options.forEach(function (o) {
      var label = document.createElement("label");
      label.className = "option";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "q" + q.id;
      input.value = o.id;
      var span = document.createElement("span");
      span.textContent = o.text;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" "));
      label.appendChild(span);
      fieldset.appendChild(label);
    });
    section.appendChild(h);
    section.appendChild(p);
    section.appendChild(fieldset);
    section.hidden = true;
    var anchor = document.querySelector(".quiz-nav");
    anchor.parentNode.insertBefore(section, anchor);
    var li = document.createElement("li");
    var dot = document.createElement("button");
    dot.type = "button";
    dot.className = "dot";
    dot.dataset.goto = index;
    dot.textContent = index + 1;
    li.appendChild(dot);
    document.getElementById("dots").appendChild(li);
    sections.push(section);
    dots.push(dot);
    label(index);
    wire(section, index);
  }

  function askNext() {
    // every answer of this set must be on the server first: it chooses the next set from them
    var open = [];
    for (var i = blockStart; i < sections.length; i++) {
      if (!dots[i].classList.contains("done")) { open.push(i); }
    }
    if (open.length) { say(root.dataset.msgFinishBlock, "offline"); show(open[0]); return; }
    if (queue().length || sending) {
      wantNext = true;
      say(root.dataset.msgNeedConnection, "offline");
      flush();
      return;
    }
    if (asking) { return; }
    asking = true;
    wantNext = false;
    say(root.dataset.msgFetching, "");
    fetch(root.dataset.nextUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": root.dataset.csrf },
      redirect: "manual"
    }).then(function (response) {
      asking = false;
      if (response.status === 409) { window.location.reload(); return null; }
      if (response.status !== 200) {
        wantNext = true;
        say(response.type === "opaqueredirect" ? root.dataset.msgSignedOut
          : root.dataset.msgNeedConnection, "offline");
        return null;
      }
      return response.json();
    }).then(function (body) {
      if (!body) { return; }
      if (!body.questions.length) { setDone(); return; }
      blockStart = sections.length;
      body.questions.forEach(addQuestion);
      say(root.dataset.msgNewBlock, "ok");
      show(blockStart, true);
    }).catch(function () {
      asking = false;
      wantNext = true;  // asked again as soon as the line is back
      say(root.dataset.msgNeedConnection, "offline");
    });
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
      if (wantNext) { askNext(); return; }
      if (wantSubmit) { submitNow(); return; }
      var n = answeredCount();
      say(n ? fill(root.dataset.msgSaved, { n: n }) : root.dataset.msgNone, n ? "ok" : "");
      return;
    }
    sending = true;
    say(fill(root.dataset.msgSaving, { left: items.length, n: answeredCount() }), "");
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
        say(signedOut ? root.dataset.msgSignedOut : waiting(), "offline");
        return;
      }
      var rest = queue();
      if (rest.length && rest[0].q === item.q && rest[0].o === item.o) { rest.shift(); }
      store(rest);  // saved (204), or refused for good (4xx): either way it leaves the queue
      flush();
    }).catch(function () {
      sending = false;
      say(waiting(), "offline");
    });
  }
  function waiting() {
    return fill(root.dataset.msgOffline, { left: queue().length, n: answeredCount() });
  }

  // Submitting goes by fetch, so a dropped line shows a message here instead of the
  // browser's error page; the intent is kept and carried out when the line is back
  // (a second submit of the same attempt gives the same result on the server).
  function submitNow() {
    if (submitting) { return; }
    if (queue().length || sending) { wantSubmit = true; flush(); return; }
    submitting = true;
    announce(root.dataset.msgSubmitting, "");
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        submitting = false;
        if (!response.ok) { throw new Error(String(response.status)); }
        wantSubmit = false;
        window.location.href = response.url;
      }).catch(function () {
        submitting = false;
        wantSubmit = true;
        announce(navigator.onLine ? root.dataset.msgSubmitRetry : root.dataset.msgSubmitOffline,
          "offline");
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

  function wire(section, index) {
    var qid = parseInt(section.dataset.qid, 10);
    section.addEventListener("change", function (event) {
      if (event.target.type === "radio") {
        markDone(index);
        highlight(section);
        answer(qid, parseInt(event.target.value, 10));
      }
    });
    dots[index].addEventListener("click", function () { show(index, true); });
  }
  sections.forEach(wire);
  // choices from an earlier visit (the page may come from the offline cache) show as chosen
  function mark(q, o) {
    var input = root.querySelector('input[name="q' + q + '"][value="' + o + '"]');
    if (input) {
      input.checked = true;
      var i = sections.indexOf(input.closest(".question"));
      if (i >= 0) { markDone(i); highlight(sections[i]); }
    }
  }
  var earlier = {};
  try { earlier = JSON.parse(localStorage.getItem(chosenKey) || "{}"); } catch (e) { earlier = {}; }
  Object.keys(earlier).forEach(function (q) { mark(q, earlier[q]); });
  queue().forEach(function (item) { mark(item.q, item.o); });
  sections.forEach(highlight);
  dots.forEach(function (d, i) { if (d.classList.contains("done")) { markDone(i); } });
  document.getElementById("prev").addEventListener("click", function () {
    show(current - 1, true);
  });
  document.getElementById("next").addEventListener("click", function () {
    if (adaptive && !done && current === sections.length - 1) { askNext(); return; }
    show(current + 1, true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var open = [];
    dots.forEach(function (d, i) { if (!d.classList.contains("done")) { open.push(i + 1); } });
    if (open.length && !window.confirm(root.dataset.msgUnanswered
        .replace("{n}", open.length).replace("{list}", open.join(", ")))) {
      show(open[0] - 1, true);  // stay, on the first question still open
      return;
    }
    wantSubmit = true;
    if (queue().length || !navigator.onLine) {  // the server grades saved answers only
      announce(root.dataset.msgSubmitOffline, "offline");
      flush();
      return;
    }
    submitNow();
  });
  window.addEventListener("online", function () {
    flush();
    if (wantNext && !queue().length) { askNext(); }
  });
  setInterval(function () {
    if (wantSubmit && !queue().length) { submitNow(); } else { flush(); }
  }, 10000);

  var expires = Date.parse(root.dataset.expires);
  function tick() {
    var left = Math.max(0, Math.floor((expires - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    document.getElementById("timer").textContent = m + ":" + (s < 10 ? "0" : "") + s;
    if (left <= 300 && left > 0 && !warned) {  // said once, not every second
      warned = true;
      document.getElementById("clock").classList.add("warn");
      announce(root.dataset.msgFiveMinutes, "offline");
    }
    if (left <= 0 && !queue().length) { finish(); }
  }
  setInterval(tick, 1000);
  tick();
  if (adaptive && done) { document.getElementById("submit-form").hidden = false; }
  // a reload (or coming back after a power cut) opens the first question still open
  var start = adaptive ? Math.min(blockStart, sections.length - 1) : 0;
  var firstOpen = -1;
  for (var k = start; k < sections.length && firstOpen < 0; k++) {
    if (!dots[k].classList.contains("done")) { firstOpen = k; }
  }
  show(firstOpen >= 0 ? firstOpen : start);
  flush();
})();
