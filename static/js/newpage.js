// handover: "New page" shows the address the title makes as you type.
// Without this file the form works the same: the server derives the
// address (wiki.PathFromTitle) when the field is left empty. This is the
// same rule, for display only; the server's answer is the one that counts.
(function () {
  "use strict";

  var letter = /[\p{L}\p{N}]/u, mark = /[\p{Mn}\p{Mc}]/u;
  var hidden = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufe00-\ufe0f\ufeff\ufffd]/u;

  function pathFromTitle(title) {
    var out = "", dash = false;
    Array.from(title).forEach(function (ch) {
      if (letter.test(ch)) {
        if (dash && out) out += "-";
        dash = false;
        out += ch.toLowerCase();
      } else if (mark.test(ch) && out && !dash) {
        out += ch;
      } else if (ch !== "'" && ch !== "\u2019" && !hidden.test(ch)) {
        dash = true;
      }
    });
    return Array.from(out).slice(0, 80).join("").replace(/-+$/, "");
  }

  function init(form) {
    var title = form.querySelector("[name=title]");
    var parent = form.querySelector("[name=parent]");
    var slug = form.querySelector("[name=slug]");
    var hint = form.querySelector("[data-address-hint]");
    if (!title || !parent || !slug || !hint) return;
    var original = hint.cloneNode(true); // keeps its <code> examples
    function update() {
      var derived = pathFromTitle(title.value);
      slug.placeholder = derived;
      var typed = slug.value.trim().replace(/^\/+|\/+$/g, "");
      var last = typed || derived;
      if (!last) {
        hint.replaceChildren.apply(hint, Array.from(original.cloneNode(true).childNodes));
        return;
      }
      var where = "/wiki/" + (parent.value ? parent.value + "/" : "") + last.toLowerCase();
      hint.textContent = "The page will be at " + where + (typed ? "." : " (with -2 added if that is taken).");
    }
    title.addEventListener("input", update);
    parent.addEventListener("change", update);
    slug.addEventListener("input", update);
    update();
  }

  function start() {
    document.querySelectorAll("form[data-new-page]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
