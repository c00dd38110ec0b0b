/*
 * "Was this right?" with JavaScript: the form is sent without leaving the page (the result is a
 * POST response; leaving it would lose it). Offline, the form waits in this page's memory only
 * (the `pending` list below: never localStorage, IndexedDB or a cache) and is sent when the
 * connection returns while the page is open. Closing the page forgets it, as it forgets the answers.
 * Every word shown comes from the form's data-* attributes, in the page's language.
 */
(function () {
  "use strict";
  var pending = [];
  var RETRY_MS = 30000;

  function say(form, key) {
    var status = form.querySelector("[data-feedback-status]");
    if (status) status.textContent = form.getAttribute("data-" + key) || "";
  }

  function lock(form, locked) {
    Array.prototype.forEach.call(form.querySelectorAll("input, textarea, button"), function (field) {
      field.disabled = locked;
    });
  }

  function wait(item) {
    if (pending.indexOf(item) < 0) pending.push(item);
    say(item.form, "waiting");
  }

  function send(item) {
    fetch(item.action, { method: "POST", body: item.body, credentials: "same-origin" }).then(function (response) {
      if (response.ok) {
        say(item.form, "sent");
      } else {
        lock(item.form, false);
        say(item.form, response.status === 429 ? "limited" : "failed");
      }
    }, function () { wait(item); });
  }

  function flush() {
    var waiting = pending;
    pending = [];
    waiting.forEach(send);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-feedback")) return;
    event.preventDefault();
    if (!form.querySelector('input[name="answer"]:checked')) {
      say(form, "choose");
      form.querySelector('input[name="answer"]').focus();
      return;
    }
    // The body is read before the fields are disabled (disabled fields are not sent).
    var item = { form: form, action: form.action, body: new FormData(form) };
    lock(form, true);
    if (navigator.onLine === false) wait(item);
    else send(item);
  });

  window.addEventListener("online", flush);
  // "online" is not fired when the network was up but the server could not be reached.
  window.setInterval(function () { if (pending.length && navigator.onLine !== false) flush(); }, RETRY_MS);
})();
