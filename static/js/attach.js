// handover: attaching files from the editor. The upload form beside the
// editor works without this file (it posts and shows the page's files).
// With it, files chosen there, dropped on the text or pasted into it (a
// screenshot) are uploaded with fetch to /api/attachments/PAGE and their
// Markdown reference is put into the text at the cursor. No innerHTML:
// messages are set with textContent.
(function () {
  "use strict";

  var IMAGE_EXT = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // Clipboard images are all called image.png; give each its own name.
  function screenshotName(type) {
    var d = new Date();
    return "screenshot-" + d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + "-" +
      pad(d.getHours()) + pad(d.getMinutes()) + pad(d.getSeconds()) + "." + (IMAGE_EXT[type] || "png");
  }

  function hasFiles(dt) {
    return dt && Array.prototype.indexOf.call(dt.types || [], "Files") >= 0;
  }

  function pastedFiles(cd) {
    var out = [];
    // Text copied from a document may come with a picture of itself;
    // paste that as text, as usual.
    if (!cd || !cd.items || Array.prototype.indexOf.call(cd.types || [], "text/plain") >= 0) return out;
    Array.prototype.forEach.call(cd.items, function (item) {
      if (item.kind !== "file") return;
      var f = item.getAsFile();
      if (f) out.push({ file: f, name: screenshotName(f.type) });
    });
    return out;
  }

  // insertAtCursor puts a reference at the cursor: an image as a paragraph
  // of its own, a link inside the sentence.
  function insertAtCursor(ta, text) {
    var start = ta.selectionStart, end = ta.selectionEnd;
    var before = ta.value.slice(0, start);
    if (text.charAt(0) === "!") {
      if (before && !/\n\n$/.test(before)) text = (/\n$/.test(before) ? "\n" : "\n\n") + text;
      text += "\n";
    } else if (before && !/\s$/.test(before)) {
      text = " " + text;
    }
    ta.setRangeText(text, start, end, "end");
    ta.focus();
    ta.dispatchEvent(new Event("input", { bubbles: true })); // the editor now has unsaved text
  }

  // readError turns a failed response into a message: the JSON API's
  // {"error": …}, or the plain text of a proxy or size limit.
  function readError(resp) {
    return resp.text().then(function (body) {
      try { return JSON.parse(body).error || resp.statusText; } catch (e) { return body.trim() || resp.statusText; }
    });
  }

  function initAttach(form, textarea) {
    var api = form.getAttribute("data-attach");
    var limit = parseInt(form.getAttribute("data-max-upload"), 10) || 0;
    var status = form.querySelector("[data-attach-status]");
    var input = form.querySelector("input[type=file]");
    form.querySelectorAll("[data-attach-js]").forEach(function (el) { el.hidden = false; });

    function say(msg, bad) {
      status.textContent = msg;
      status.classList.toggle("is-error", !!bad);
    }

    function upload(item) {
      var name = item.name || item.file.name;
      if (limit && item.file.size > limit) {
        say("“" + name + "” is larger than the upload limit.", true);
        return Promise.resolve();
      }
      var body = new FormData();
      body.append("file", item.file, name);
      if (item.name) body.append("name", item.name);
      say("Uploading “" + name + "”…");
      return fetch(api, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (resp) {
          if (!resp.ok) return readError(resp).then(function (msg) { throw new Error(msg); });
          return resp.json();
        })
        .then(function (file) {
          insertAtCursor(textarea, file.markdown);
          say("Attached “" + file.name + "”.");
        })
        .catch(function (err) { say("Could not attach “" + name + "”: " + err.message, true); });
    }

    function uploadAll(items) {
      return items.reduce(function (p, item) { return p.then(function () { return upload(item); }); }, Promise.resolve());
    }

    function fromList(list) {
      return Array.prototype.map.call(list || [], function (f) { return { file: f }; });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!input.files.length) { say("Choose a file first.", true); return; }
      uploadAll(fromList(input.files)).then(function () { input.value = ""; });
    });
    textarea.addEventListener("dragover", function (e) {
      if (!hasFiles(e.dataTransfer)) return;
      e.preventDefault();
      textarea.classList.add("is-drop-target");
    });
    textarea.addEventListener("dragleave", function () { textarea.classList.remove("is-drop-target"); });
    textarea.addEventListener("drop", function (e) {
      textarea.classList.remove("is-drop-target");
      if (!hasFiles(e.dataTransfer)) return;
      e.preventDefault();
      uploadAll(fromList(e.dataTransfer.files));
    });
    textarea.addEventListener("paste", function (e) {
      var items = pastedFiles(e.clipboardData);
      if (!items.length) return;
      e.preventDefault();
      uploadAll(items);
    });
  }

  function init() {
    var form = document.querySelector("form[data-attach]");
    var textarea = document.querySelector("form[data-editor] textarea[name=markdown]");
    if (form && textarea && window.fetch && window.FormData && window.Promise) initAttach(form, textarea);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
