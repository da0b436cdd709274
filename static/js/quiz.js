// quiz.js: the knowledge-check form. The server enforces the time limit;
// this only shows the time left, submits the answers when it runs out, and
// asks before submitting with questions left unanswered.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h > 0 ? h + ":" + pad(m) : m) + ":" + pad(s % 60);
  }

  // The countdown runs from the seconds left that the server wrote into
  // the page, on the browser's monotonic clock: the browser's wall clock
  // may be minutes off the server's, or change while the quiz is open.
  function startCountdown(box) {
    var remaining = parseInt(box.getAttribute("data-remaining"), 10);
    var out = box.querySelector("[data-countdown]");
    var form = document.getElementById("quiz-form");
    if (isNaN(remaining) || !out) return;
    var end = performance.now() + remaining * 1000;
    var submitted = false;
    function tick() {
      var left = end - performance.now();
      out.textContent = left > 0 ? "Time left: " + format(left) : "Time is up.";
      box.classList.toggle("is-urgent", left < 60000);
      if (left <= 0 && !submitted && form && form.hasAttribute("data-autosubmit")) {
        submitted = true;
        form.setAttribute("data-submitting", "");
        form.submit();
        return;
      }
      if (left > 0) setTimeout(tick, left % 1000 || 1000);
    }
    tick();
  }

  function unanswered(form) {
    var missing = 0;
    form.querySelectorAll("fieldset.quiz-item").forEach(function (item) {
      var answered = false;
      item.querySelectorAll("input, select, textarea").forEach(function (el) {
        if (/^c\d+$/.test(el.name)) return; // confidence is optional
        if ((el.type === "radio" || el.type === "checkbox") ? el.checked : el.value.trim() !== "") answered = true;
      });
      if (!answered && item.querySelector("input, select, textarea")) missing++;
    });
    return missing;
  }

  function guardSubmit(form) {
    var button = form.querySelector("[data-confirm-empty]");
    if (!button) return;
    form.addEventListener("submit", function (e) {
      if (form.hasAttribute("data-submitting")) return;
      if (unanswered(form) > 0 && !window.confirm(button.getAttribute("data-confirm-empty"))) {
        e.preventDefault();
        return;
      }
      form.setAttribute("data-submitting", "");
      button.disabled = true; // one click, one submission
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-remaining]").forEach(startCountdown);
    var form = document.getElementById("quiz-form");
    if (form) guardSubmit(form);
  });
})();
