/*
 * Back and Forward through the guide's questions, keeping every answer and storing nothing.
 *
 * The questions are a sequence of POSTs (htmx swaps each answer page into the document), so
 * without this the browser's Back leaves the guide. Here each question becomes a history entry
 * whose state is only its index; the pages themselves, with what was typed on them, stay in this
 * script's memory, never in the URL, history.state, storage or caches. A reload or a closed tab
 * forgets them, and the first question then says so (#answers-gone).
 *
 * Relies only on the question form being `form.flow-form` with a hidden `step` field; its other
 * hidden fields carry the answers so far (web/flow.py).
 */
(function () {
  "use strict";
  var pages = [], index = 0, leaving = null, answers = null;
  var NOT_ANSWERS = { step: true, csrf_token: true, changing: true, nav: true };

  function flowForm() { return document.querySelector("form.flow-form"); }
  function stepOf() {
    var form = flowForm(), step = form && form.querySelector("input[type=hidden][name=step]");
    return step ? step.value : null;
  }
  function carried(form) {
    return Array.prototype.filter.call(form.querySelectorAll("input[type=hidden]"), function (input) {
      return !NOT_ANSWERS[input.name];
    });
  }

  /** The page as it is now, with what is typed on it (innerHTML keeps attributes, not values). */
  function snapshot() {
    var typed = [];
    document.querySelectorAll("form.flow-form input:not([type=hidden]), form.flow-form select, form.flow-form textarea")
      .forEach(function (field) {
        if (!field.id) return;
        typed.push([field.id, field.type === "radio" || field.type === "checkbox" ? field.checked : field.value]);
      });
    return { html: document.body.innerHTML, title: document.title, typed: typed, answers: answersOf(flowForm()) };
  }

  function answersOf(form) {
    return form ? JSON.stringify(carried(form).map(function (input) { return [input.name, input.value]; })) : "";
  }

  /** The answers the server saw last, to put into an older page when it is shown again. */
  function rememberAnswers() {
    var form = flowForm();
    if (form) answers = JSON.parse(answersOf(form));
  }

  /**
   * A page that shows answers as text (check your answers, the result) is asked for afresh when
   * the answers changed since it was shown, so that it never shows old ones. A question page keeps
   * what was typed on it: what it shows is what it sends.
   */
  function refreshIfOld(page) {
    var form = flowForm();
    if (!form || page.answers === JSON.stringify(answers) || !samePeople(page)) return;
    if (form.querySelector("input:not([type=hidden]), select, textarea")) return;
    var nav = document.createElement("input");
    nav.type = "hidden";
    nav.name = "nav";
    nav.value = "stay";
    form.append(nav);
    form.requestSubmit();
  }

  /**
   * Family mode: the people added before this one travel as `p1-…` fields (web/flow.py). A page of
   * an earlier person (Back past 「もう一人追加」) keeps its own answers: it is shown as it was, and
   * adding the next person again starts from it.
   */
  function peopleIn(pairs) {
    return pairs.filter(function (pair) { return /^p\d+-done$/.test(pair[0]); }).length;
  }
  function samePeople(page) {
    return !answers || peopleIn(JSON.parse(page.answers || "[]")) === peopleIn(answers);
  }

  function putAnswers() {
    if (!answers) return;
    document.querySelectorAll("form").forEach(function (form) {
      var step = form.querySelector("input[type=hidden][name=step]");
      if (!step) return;
      carried(form).forEach(function (input) { input.remove(); });
      var after = step;
      answers.forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = pair[1];
        after.after(input);
        after = input;
      });
    });
  }

  function restore(page) {
    document.body.innerHTML = page.html;
    document.title = page.title;
    page.typed.forEach(function (pair) {
      var field = document.getElementById(pair[0]);
      if (!field) return;
      if (typeof pair[1] === "boolean") field.checked = pair[1];
      else field.value = pair[1];
    });
    if (samePeople(page)) putAnswers();
    if (window.htmx) window.htmx.process(document.body);
    document.dispatchEvent(new CustomEvent("mochimono:restored"));
  }

  function showGone() {
    var notice = document.getElementById("answers-gone");
    if (notice) notice.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!flowForm()) return;
    var state = history.state;
    // An index from before a reload: the pages it pointed to are gone with the old document.
    if (state && typeof state.flow === "number" && state.flow > 0) showGone();
    history.replaceState({ flow: 0 }, "");
    rememberAnswers();
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.shouldSwap && event.detail.target === document.body && flowForm()) {
      leaving = { page: snapshot(), step: stepOf() };
    }
  });

  // At the swap itself (not after settling), so that the new entry exists as soon as the page shows.
  document.addEventListener("htmx:afterSwap", function () {
    if (!leaving) return;
    var left = leaving;
    leaving = null;
    if (!flowForm()) return;
    rememberAnswers();
    if (stepOf() === left.step) return;  // the same question again, with an error: not a new entry
    pages[index] = left.page;
    index += 1;
    pages.length = index;
    history.pushState({ flow: index }, "");
  });

  window.addEventListener("popstate", function (event) {
    var target = event.state && event.state.flow;
    if (typeof target !== "number" || target === index || !flowForm()) return;
    pages[index] = snapshot();
    index = target;
    if (pages[target]) {
      restore(pages[target]);
      refreshIfOld(pages[target]);
    } else {
      showGone();
    }
  });

  // The page's own Back button goes back in history when the previous question is kept here, so
  // that the browser's Back and Forward and this button walk the same line.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("form.flow-form button[name=nav][value=back]");
    if (button && index > 0 && pages[index - 1]) {
      event.preventDefault();
      history.back();
    }
  });
})();
