/*
 * The question flow on one page, answered on the device: reads the answers, checks them, runs the
 * device engine (static/js/engine.js) over the same rules as the server (/rules.json) and
 * hands the guide to static/js/offline-result.js, which shows it in the page's language
 * (/<lang>/guide-texts.json). Nothing is sent or stored.
 */
(function () {
  "use strict";
  var form = document.getElementById("offline-guide");
  if (!form) return;
  document.getElementById("offline-needs-js").hidden = true;
  var data = null;

  function load() {
    if (!data) {
      data = Promise.all([form.getAttribute("data-rules"), form.getAttribute("data-texts")].map(function (url) {
        return fetch(url).then(function (response) { return response.json(); });
      }));
    }
    return data;
  }

  /** What the form holds for a field name: the picked value, all ticked values, or the text. */
  function read(name) {
    var fields = form.querySelectorAll('[name="' + name + '"]');
    if (!fields.length) return "";
    if (fields[0].type === "checkbox") {
      return Array.prototype.filter.call(fields, function (box) { return box.checked; }).map(function (box) { return box.value; });
    }
    if (fields[0].type === "radio") {
      var picked = Array.prototype.filter.call(fields, function (radio) { return radio.checked; })[0];
      return picked ? picked.value : "";
    }
    return fields[0].value;
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  }

  /** Show only the questions that apply, as the one-question-per-page flow asks only those. */
  function showRelevant() {
    if (!definitions) return;
    var holds = read("holds").filter(function (item) { return item !== "none"; });
    var facts = { holds: holds, has_card: holds.some(function (item) { return definitions.card_items.indexOf(item) >= 0; }) };
    definitions.questions.forEach(function (question) {
      var section = form.querySelector('[data-step="' + question.id + '"]');
      if (section && question.asked_if) section.hidden = !window.MochimonoEngine.holdsCondition(question.asked_if, facts);
    });
  }

  function showProblems(problems) {
    var box = document.getElementById("offline-errors"), list = box.querySelector("ul");
    list.textContent = "";
    problems.forEach(function (p) {
      var item = document.createElement("li"), link = document.createElement("a");
      var target = form.querySelector('[name="' + p.name + '"]');
      link.href = "#" + (target ? target.id : "");
      link.textContent = p.message;
      item.append(link);
      list.append(item);
    });
    box.hidden = false;
    box.focus();
  }

  /** The result's scripts (offline-result.js, calendar.js), loaded on the first result: they are
   * precached, so this works offline, and the questions load faster without them. */
  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  var resultScripts = null;
  function loadResult() {
    resultScripts = resultScripts || Promise.all(document.getElementById("offline-result").getAttribute("data-scripts").split(" ").map(addScript));
    return resultScripts;
  }
  // Read aloud (precached too) comes once the questions are usable, where the device can speak.
  var readAloud = document.querySelector("[data-read-aloud][data-script]");
  if (readAloud && "speechSynthesis" in window) addScript(readAloud.getAttribute("data-script"));

  // Opened from a clinic's link while offline, the address still says what the clinic's reader
  // supports (web/clinic.py); only the two known answers are taken from it.
  function clinicFacts() {
    var query = new URLSearchParams(window.location.search);
    function answer(name) { var value = query.get(name); return value === "yes" || value === "no" ? value : "unknown"; }
    return { reads_phone: answer("c-phone"), pmh: answer("c-pmh") };
  }

  var definitions = null;
  load().then(function (loaded) { definitions = loaded[1].questions; showRelevant(); });
  form.addEventListener("change", showRelevant);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load().then(function (loaded) {
      var rules = loaded[0], texts = loaded[1];
      var collected = window.MochimonoAnswers.collect(texts.questions, read, today());
      if (collected.problems.length) return showProblems(collected.problems);
      var answers = collected.answers;
      var guide = window.MochimonoEngine.makeGuide(rules, answers, clinicFacts());
      loadResult().then(function () { window.MochimonoResult.show(guide, texts); });
    });
  });
})();
