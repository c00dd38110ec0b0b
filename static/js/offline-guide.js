/*
 * The question flow on one page, answered on the device: reads the answers, checks them, runs the
 * device engine (static/js/engine.js) over the same rules as the server (/rules.json) and shows
 * the guide in the page's language (/<lang>/guide-texts.json). Nothing is sent or stored.
 */
(function () {
  "use strict";
  var form = document.getElementById("offline-guide");
  if (!form) return;
  document.getElementById("offline-needs-js").hidden = true;
  var lang = form.getAttribute("data-lang"); // the page's BCP 47 tag
  var result = document.getElementById("offline-result");
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
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
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

  function format(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return params[name] || ""; }).replace(/%%/g, "%");
  }
  function longDate(iso) {
    var p = iso.split("-");
    return new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC", numberingSystem: "latn" })
      .format(new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])));
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function slot(name) { return result.querySelector('[data-slot="' + name + '"]'); }

  function itemNode(item, texts) {
    var li = element("li"), names = texts.items[item.id];
    li.append(element("strong", "", names.label));
    if (lang.split("-")[0] !== "ja") {
      var ja = element("span", "ja-name", "（" + names.ja + "）");
      ja.lang = "ja";
      li.append(" ", ja);
    }
    li.append(element("p", "", texts.texts[item.why]));
    return li;
  }

  function render(guide, answers, rules, texts) {
    var engine = window.MochimonoEngine;
    var expiry = engine.ecertExpiryOf(answers, rules)[0];
    var params = {
      ecert_expiry: expiry ? longDate(expiry) : "",
      ecert_grace_end: expiry ? longDate(engine.graceEnd(expiry, rules.constants.ecert_grace_months)) : "",
      kakuninsho_expiry: answers.kakuninsho_expiry ? longDate(answers.kakuninsho_expiry) : ""
    };
    slot("meta").textContent = fill(message("meta"), { visit: longDate(guide.visit_date), rules: longDate(guide.rules_as_of) });
    var verdict = slot("verdict");
    verdict.className = "verdict verdict-" + guide.verdict;
    verdict.querySelector("p").textContent = texts.verdicts[guide.verdict];
    var bring = slot("bring");
    bring.textContent = "";
    guide.bring.forEach(function (item) { bring.append(itemNode(item, texts)); });
    slot("nothing").hidden = guide.bring.length > 0;
    var ratios = guide.copay_ratios.map(function (r) {
      return fill(message("ratio"), { tenths: Math.round(r * 10), percent: Math.round(r * 100) });
    }).join(message("separator"));
    slot("copay").textContent = ratios ? fill(message("copay"), { ratios: ratios }) : "";
    var warnings = slot("warnings");
    warnings.textContent = "";
    guide.warnings.forEach(function (w) {
      var li = element("li", "warning warning-" + w.severity), first = element("p");
      first.append(element("strong", "severity", texts.severities[w.severity]), " " + format(texts.texts[w.message], params));
      li.append(first, element("p", "action", format(texts.texts[w.action], params)));
      warnings.append(li);
    });
    var backup = slot("backup");
    backup.textContent = "";
    guide.backup.forEach(function (item) { backup.append(itemNode(item, texts)); });
    var timeline = slot("timeline");
    timeline.textContent = "";
    guide.timeline.forEach(function (entry) {
      var li = element("li", entry.past ? "past" : "future");
      li.append(element("span", "when", longDate(entry.date)), element("span", "what", texts.timeline[entry.id]),
        element("span", "tag", message(entry.past ? "past" : "future") + (entry.estimated ? message("separator") + message("estimated") : "")));
      timeline.append(li);
    });
    var sources = slot("sources");
    sources.textContent = "";
    guide.source_ids.forEach(function (id) {
      var source = texts.sources[id], li = element("li");
      if (source.url) {
        var link = element("a", "", source.title);
        link.href = source.url;
        link.rel = "noreferrer";
        li.append(link);
      } else li.append(source.title);
      li.append("（" + longDate(source.date) + "）");
      sources.append(li);
    });
    form.hidden = true;
    document.getElementById("offline-errors").hidden = true;
    result.hidden = false;
    document.querySelectorAll("[data-print]").forEach(function (button) { button.hidden = false; });
    window.scrollTo(0, 0);
    result.focus();
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
      render(window.MochimonoEngine.makeGuide(rules, answers), answers, rules, texts);
    });
  });
  document.getElementById("offline-again").addEventListener("click", function () {
    result.hidden = true;
    form.hidden = false;
  });
})();
