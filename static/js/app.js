// handover: small progressive enhancements. Every page works without this
// file; it only adds keyboard shortcuts, search suggestions, confirmations
// and an unsaved-changes warning. No inline scripts (the CSP forbids them)
// and no innerHTML: text from the server is set with textContent.
(function () {
  "use strict";

  var SUGGEST_URL = "/api/suggest";
  var DEBOUNCE_MS = 150;
  var MIN_CHARS = 2;

  function isTypingTarget(el) {
    if (!el || el === document.body) return false;
    if (el.isContentEditable) return true;
    var tag = el.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    if (tag !== "INPUT") return false;
    var type = (el.getAttribute("type") || "text").toLowerCase();
    return ["button", "submit", "reset", "checkbox", "radio", "image", "file", "hidden"].indexOf(type) < 0;
  }

  function pageURL(path) {
    return "/wiki/" + path.split("/").map(encodeURIComponent).join("/");
  }

  // ---- Keyboard: "/" focuses the search box, Escape leaves it. ----

  function initSearchShortcut(input) {
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTypingTarget(document.activeElement)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  // ---- Typeahead: a combobox with a listbox of page suggestions. ----

  function initTypeahead(input) {
    var form = input.form;
    var listId = input.id + "-list";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "typeahead";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested pages");
    list.hidden = true;
    form.appendChild(list);

    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var timer = 0;
    var controller = null;
    var items = []; // {el, href}
    var active = -1;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(i) {
      if (active >= 0 && items[active]) items[active].el.setAttribute("aria-selected", "false");
      active = i;
      if (i < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var el = items[i].el;
      el.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", el.id);
      el.scrollIntoView({ block: "nearest" });
    }

    function addOption(id, title, sub, href, extraClass) {
      var li = document.createElement("li");
      li.id = id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      if (extraClass) li.className = extraClass;
      var t = document.createElement("span");
      t.className = "ta-title";
      t.textContent = title;
      li.appendChild(t);
      if (sub) {
        var p = document.createElement("span");
        p.className = "ta-path";
        p.textContent = sub;
        li.appendChild(p);
      }
      // mousedown, not click: it runs before the input loses focus.
      li.addEventListener("mousedown", function (e) {
        e.preventDefault();
        go(href);
      });
      list.appendChild(li);
      items.push({ el: li, href: href });
    }

    function render(q, suggestions) {
      list.textContent = "";
      items = [];
      active = -1;
      suggestions.forEach(function (s, i) {
        if (!s || typeof s.path !== "string") return;
        addOption(listId + "-" + i, s.title || s.path, s.path, pageURL(s.path));
      });
      var n = items.length;
      addOption(listId + "-all", "Search for “" + q + "”", "", form.action + "?q=" + encodeURIComponent(q), "ta-all");
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      input.removeAttribute("aria-activedescendant");
      status.textContent = n === 0 ? "No matching page titles." : n + (n === 1 ? " page suggested." : " pages suggested.");
    }

    function go(href) {
      close();
      window.location.href = href;
    }

    function fetchSuggestions(q) {
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      fetch(SUGGEST_URL + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (res) {
          if (!res.ok) throw new Error("suggest: " + res.status);
          return res.json();
        })
        .then(function (data) {
          if (input.value.trim() !== q || document.activeElement !== input) return;
          render(q, (data && Array.isArray(data.suggestions)) ? data.suggestions : []);
        })
        .catch(function () { /* suggestions are optional; plain search still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < MIN_CHARS) {
        lastQuery = "";
        if (controller) controller.abort();
        close();
        return;
      }
      if (q === lastQuery) return;
      timer = setTimeout(function () {
        lastQuery = q;
        fetchSuggestions(q);
      }, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (e) {
      var open = !list.hidden && items.length > 0;
      switch (e.key) {
        case "ArrowDown":
          if (!open) return;
          e.preventDefault();
          setActive(active < items.length - 1 ? active + 1 : 0);
          break;
        case "ArrowUp":
          if (!open) return;
          e.preventDefault();
          setActive(active > 0 ? active - 1 : items.length - 1);
          break;
        case "Enter":
          if (open && active >= 0) {
            e.preventDefault();
            go(items[active].href);
          }
          break;
        case "Escape":
          e.preventDefault();
          if (open) {
            close();
          } else {
            input.blur();
          }
          break;
      }
    });

    input.addEventListener("blur", function () {
      setTimeout(function () {
        if (document.activeElement !== input) close();
      }, 100);
    });
    input.addEventListener("focus", function () {
      if (items.length > 0 && input.value.trim() === lastQuery && lastQuery.length >= MIN_CHARS) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    });
  }

  // ---- Confirm before forms marked data-confirm (delete, revert…). ----

  function initConfirm() {
    document.addEventListener("submit", function (e) {
      var form = e.target;
      var msg = form.getAttribute && form.getAttribute("data-confirm");
      if (msg && !window.confirm(msg)) e.preventDefault();
    });
  }

  // ---- Editor: Ctrl/Cmd+S saves; warn before leaving unsaved text. ----

  function initEditor(form) {
    var saveButton = form.querySelector("[data-save]");
    // After a preview, a conflict or a validation error the text in the
    // form is not saved yet, even before the user types anything.
    var dirty = form.hasAttribute("data-unsaved");
    var submitting = false;

    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function (e) {
      if (!e.defaultPrevented) submitting = true;
    });
    window.addEventListener("pageshow", function () { submitting = false; });

    window.addEventListener("beforeunload", function (e) {
      if (!dirty || submitting) return;
      e.preventDefault();
      e.returnValue = "";
    });

    document.addEventListener("keydown", function (e) {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.key !== "s" && e.key !== "S") return;
      e.preventDefault();
      if (submitting) return;
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit(saveButton || undefined);
      } else if (saveButton) {
        saveButton.click();
      } else {
        form.submit();
      }
    });
  }

  // ---- Small helpers for the account page and sign-in links. ----

  function initLoginLinks() {
    if (window.location.pathname === "/login") return;
    var next = window.location.pathname + window.location.search;
    document.querySelectorAll("a[data-login-link]").forEach(function (a) {
      a.href = "/login?next=" + encodeURIComponent(next);
    });
  }

  function initCopyButtons() {
    var live = document.querySelector(".flash-region");
    document.querySelectorAll("button[data-copy]").forEach(function (btn) {
      var target = document.querySelector(btn.getAttribute("data-copy"));
      if (!target) return;
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var text = target.value !== undefined ? target.value : target.textContent;
        var done = function () {
          btn.textContent = "Copied";
          if (live) {
            var p = document.createElement("p");
            p.className = "visually-hidden";
            p.textContent = "Token copied to the clipboard.";
            live.appendChild(p);
          }
          setTimeout(function () { btn.textContent = "Copy"; }, 2500);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(target, done); });
        } else {
          fallbackCopy(target, done);
        }
      });
    });
  }

  function fallbackCopy(target, done) {
    if (typeof target.select !== "function") return;
    target.focus();
    target.select();
    try {
      if (document.execCommand("copy")) done();
    } catch (err) { /* the text stays selected for a manual copy */ }
  }

  function initSelectOnFocus() {
    document.querySelectorAll("[data-select-on-focus]").forEach(function (el) {
      el.addEventListener("focus", function () { el.select(); });
    });
  }

  function initHostExamples() {
    document.querySelectorAll("[data-fill-host]").forEach(function (el) {
      el.textContent = el.textContent.replace("http://HOST", window.location.origin);
    });
  }

  // ---- Time zone: the server tells times in the browser's zone. ----
  // The server cannot know the reader's zone, so this keeps it in the "tz"
  // cookie, which the server reads on every request unless the account
  // has a zone of its own (see ZoneCookie in wiki/web/zone.go). A cookie
  // needs no route and no write, works before signing in and follows a
  // travelling laptop; the server checks the name against the zone
  // database and shows UTC, labelled, for anything else. The first page
  // a browser ever sees is in UTC; the cookie is written only when the
  // zone changes, so no request is made for it.

  function initTimeZone() {
    var tz;
    try {
      tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (err) { return; }
    if (!tz || !/^[A-Za-z0-9_+\/-]{1,64}$/.test(tz)) return;
    if (document.cookie.split("; ").indexOf("tz=" + tz) >= 0) return;
    document.cookie = "tz=" + tz + "; path=/; max-age=31536000; samesite=lax" +
      (window.location.protocol === "https:" ? "; secure" : "");
  }

  function init() {
    var search = document.querySelector("input[data-typeahead]");
    if (search) {
      initSearchShortcut(search);
      if (window.fetch && search.form) initTypeahead(search);
    }
    initConfirm();
    document.querySelectorAll("form[data-editor]").forEach(initEditor);
    initLoginLinks();
    initCopyButtons();
    initSelectOnFocus();
    initHostExamples();
    initTimeZone();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
