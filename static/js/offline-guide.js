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

  function message(key) {
    var element = document.querySelector('#offline-messages [data-key="' + key + '"]');
    return element ? element.textContent : key;
  }
  function checked(name) {
    var found = form.querySelector('input[name="' + name + '"]:checked');
    return found ? found.value : "";
  }
  function all(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (box) { return box.value; });
  }
  function value(name) { var field = form.elements[name]; return field ? field.value.trim() : ""; }

  /** An ISO date from a 年・月・日 group (with an era select when there is one), "" when empty, null when wrong. */
  function readDate(prefix) {
    var y = value(prefix + "_year"), m = value(prefix + "_month"), d = value(prefix + "_day");
    if (!y && !m && !d) return "";
    var numbers = [y, m, d].map(function (part) { return part.normalize("NFKC"); });
    if (!numbers.every(function (part) { return /^[0-9]+$/.test(part); })) return null;
    var era = form.elements[prefix + "_era"] ? value(prefix + "_era") : "western", w = window.MochimonoWareki, day;
    if (era === "western") {
      day = w.realDate(+numbers[0], +numbers[1], +numbers[2]) ? numbers[0].padStart(4, "0") + numbers[1].padStart(2, "0") + numbers[2].padStart(2, "0") : null;
    } else {
      day = w.fromWareki(w.KANJI_BY_KEY[era], +numbers[0], +numbers[1], +numbers[2]);
    }
    return day && day.slice(0, 4) + "-" + day.slice(4, 6) + "-" + day.slice(6);
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  }

  /** The answers in the API's vocabulary, only for the questions that apply, and the problems. */
  function collect() {
    var problems = [], answers = {};
    function problem(key, field) { problems.push({ key: key, field: field }); }
    if (!checked("who")) problem("who", "who-0");
    var birth = readDate("birth"), age = value("age").normalize("NFKC");
    if (birth === null) problem("birth_date", "birth_year");
    else if (birth) {
      if (birth > today()) problem("birth_future", "birth_year");
      answers.birth_date = birth;
    } else if (/^[0-9]+$/.test(age) && +age <= 120) answers.age = +age;
    else problem(age ? "age" : "birth", age ? "age" : "birth_year");
    answers.insurance = checked("insurance");
    if (!answers.insurance) problem("insurance", "insurance-0");
    var holds = all("holds");
    if (!holds.length) problem("holds", "holds-0");
    if (holds.indexOf("none") >= 0 && holds.length > 1) problem("holds_none", "holds-0");
    answers.holds = holds.filter(function (item) { return item !== "none"; });
    var card = answers.holds.indexOf("mynumber_card") >= 0 || answers.holds.indexOf("smartphone") >= 0;
    if (card) {
      answers.mynumber_registered = checked("registered");
      if (!answers.mynumber_registered) problem("registered", "registered-0");
      var known = checked("ecert_known");
      if (!known) problem("ecert", "ecert_known-0");
      var key = known === "expiry" ? "ecert_expiry" : known === "issued" ? "card_issued" : null;
      if (key) {
        var day = readDate(known === "expiry" ? "expiry" : "issued");
        if (!day) problem("date", known === "expiry" ? "expiry_year" : "issued_year");
        else answers[key] = day;
      }
    }
    if (answers.holds.indexOf("kakuninsho") >= 0) {
      var kind = checked("kakuninsho_known");
      if (!kind) problem("ecert", "kakuninsho_known-0");
      if (kind === "expiry") {
        var expiry = readDate("kexpiry");
        if (!expiry) problem("date", "kexpiry_year");
        else answers.kakuninsho_expiry = expiry;
      }
    }
    if (answers.holds.indexOf("subsidy_cert") >= 0) {
      answers.subsidy_linked = checked("linked");
      if (!answers.subsidy_linked) problem("registered", "linked-0");
    }
    var visit = readDate("visit");
    if (!visit) problem(visit === null ? "date" : "visit", "visit_year");
    else if (answers.birth_date && visit < answers.birth_date) problem("visit_before_birth", "visit_year");
    answers.visit_date = visit;
    answers.mynumber_registered = answers.mynumber_registered || "unknown";
    answers.subsidy_linked = answers.subsidy_linked || "unknown";
    return { answers: answers, problems: problems };
  }

  /** Show only the questions that apply, as the one-question-per-page flow asks only those. */
  function showRelevant() {
    var holds = all("holds");
    var card = holds.indexOf("mynumber_card") >= 0 || holds.indexOf("smartphone") >= 0;
    var show = { registered: card, ecert: card, kakuninsho: holds.indexOf("kakuninsho") >= 0, subsidy: holds.indexOf("subsidy_cert") >= 0 };
    Object.keys(show).forEach(function (step) {
      form.querySelector('[data-step="' + step + '"]').hidden = !show[step];
    });
  }

  function showProblems(problems) {
    var box = document.getElementById("offline-errors"), list = box.querySelector("ul");
    list.textContent = "";
    problems.forEach(function (p) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + p.field;
      link.textContent = message(p.key);
      item.append(link);
      list.append(item);
    });
    box.hidden = false;
    box.focus();
  }

  form.addEventListener("change", showRelevant);
  showRelevant();
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var collected = collect();
    if (collected.problems.length) return showProblems(collected.problems);
    load().then(function (loaded) {
      var rules = loaded[0], texts = loaded[1];
      window.MochimonoResult.show(window.MochimonoEngine.makeGuide(rules, collected.answers), collected.answers, rules, texts);
    });
  });
})();
