/*
 * The question declarations' validator on the device: the same steps as web/forms.py (reading each
 * field) and web/answers.py (the cross-field constraints), driven by the same declarations, which
 * the server sends as data (/<lang>/guide-texts.json, key "questions"). tests/test_answers_js.py runs
 * both on the same inputs and they must agree.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./wareki.js"), require("./engine.js"));
  else root.MochimonoAnswers = factory(root.MochimonoWareki, root.MochimonoEngine);
})(typeof self !== "undefined" ? self : this, function (wareki, engine) {
  "use strict";

  // web/numbers.py: only ASCII or full-width digits, of a stated length; spaces at the edges go.
  function typed(text) { return String(text || "").replace(/^[\t\n\r \u3000]+|[\t\n\r \u3000]+$/g, ""); }
  function readDigits(text, maxDigits) {
    var digits = typed(text);
    if (!/^[0-9\uFF10-\uFF19]+$/.test(digits)) return [null, "not_a_number"];
    if (digits.length > maxDigits) return [null, "too_long"];
    return [+digits.replace(/[\uFF10-\uFF19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }), null];
  }
  function pad(n, w) { var s = String(n); while (s.length < w) s = "0" + s; return s; }

  /** A 年・月・日 group as an ISO date, "" when empty, or {code} (web/forms.py DateParts). */
  function readDate(era, year, month, day, limits) {
    var parts = [year, month, day].map(typed);
    if (!parts.some(Boolean)) return "";
    if (!parts.every(Boolean)) return { code: "incomplete" };
    var read = parts.map(function (part, i) { return readDigits(part, [4, 2, 2][i]); });
    if (read.some(function (r) { return r[1] === "not_a_number"; })) return { code: "not_a_number" };
    if (read[0][1]) return { code: "out_of_range" };
    if (read[1][1] || read[2][1]) return { code: "invalid" };
    var y = read[0][0], m = read[1][0], d = read[2][0];
    if (era && era !== "western") {
      var value = wareki.fromWareki(wareki.KANJI_BY_KEY[era], y, m, d);
      if (!value) return { code: m >= 1 && m <= 12 && d >= 1 && d <= 31 ? "outside_era" : "invalid" };
      if (+value.slice(0, 4) < limits.min_year || +value.slice(0, 4) > limits.max_year) return { code: "out_of_range" };
      return value.slice(0, 4) + "-" + value.slice(4, 6) + "-" + value.slice(6);
    }
    if (y < 1000) return { code: "short_year" };
    if (y < limits.min_year || y > limits.max_year) return { code: "out_of_range" };
    if (!wareki.realDate(y, m, d)) return { code: "invalid" };
    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2);
  }

  function breaks(constraint, values, today) {
    var day = values[constraint.key], other;
    if (constraint.other === "visit_date") other = values.visit_date || today;
    else other = values[constraint.other] || (/^\d{4}-/.test(constraint.other) ? constraint.other : null);
    if (!day || !other) return false;
    if (constraint.op === "not_after") return day > other;
    if (constraint.op === "not_before") return day < other;
    if (constraint.op === "age_at_most") return other >= day && engine.ageOn(day, other) > constraint.years;
    if (constraint.op === "within_years_after") return day > engine.dates.addMonths(other, 12 * constraint.years);
    throw new Error("unknown constraint op " + constraint.op);
  }

  function fieldFor(definitions, key) {
    for (var i = 0; i < definitions.questions.length; i++) {
      var found = definitions.questions[i].fields.filter(function (f) { return f.key === key; })[0];
      if (found) return found;
    }
    return null;
  }

  function shown(field, ui) { return !field.shown_when || ui[field.shown_when[0]] === field.shown_when[1]; }

  /**
   * Read every question that applies from `read(name)` (a string, or an array for checkboxes) and
   * check it: {answers, ui, problems: [{name, message}]}, `name` being the field to point at.
   * `known`: answers given before (on other pages), which the constraints also see.
   */
  function collect(definitions, read, today, known) {
    var answers = Object.assign({}, known || {}), ui = {}, problems = [];
    function problem(field, message) { problems.push({ name: field.kind === "date" ? field.name + "_year" : field.name, message: message }); }
    definitions.questions.forEach(function (question) {
      question.fields.forEach(function (field) { if (!field.key) ui[field.name] = read(field.name) || ""; });
      inferRevealingChoices(question, read, ui);
      var holds = answers.holds || [];
      var facts = { holds: holds, has_card: holds.some(function (item) { return definitions.card_items.indexOf(item) >= 0; }) };
      if (question.asked_if && !engine.holdsCondition(question.asked_if, facts)) return;
      var before = problems.length;
      question.fields.forEach(function (field) {
        if (!shown(field, ui)) return;
        var count = problems.length, value = readField(field, field.key ? read : function () { return ui[field.name]; }, definitions, problem);
        if (value === null) { if (field.required && problems.length === count) problem(field, field.required); }
        else if (field.key) answers[field.key] = value;
      });
      if (question.one_of && problems.length === before) {
        var named = question.fields.filter(function (f) { return question.one_of[0].indexOf(f.name) >= 0; });
        if (!named.some(function (f) { return f.key in answers; })) problem(named[0], question.one_of[1]);
      }
    });
    definitions.questions.forEach(function (question) {
      question.fields.forEach(function (field) { if (field.key && field.default && !(field.key in answers)) answers[field.key] = field.default; });
    });
    if (!problems.length) {
      definitions.constraints.forEach(function (constraint) {
        if (!breaks(constraint, answers, today)) return;
        // The message goes on the first side that is a field here (web/answers.constraint_messages).
        [constraint.key, constraint.other].some(function (key) {
          var field = fieldFor(definitions, key);
          if (field && constraint.messages[key]) problem(field, constraint.messages[key]);
          return field && constraint.messages[key];
        });
      });
    }
    return { answers: answers, ui: ui, problems: problems };
  }

  /** A date typed under a choice that was not ticked means that choice, when it is the only one
   * with something typed (web/forms.py infer_revealing_choices). */
  function inferRevealingChoices(question, read, ui) {
    question.fields.forEach(function (radio) {
      if (radio.kind !== "radio" || ui[radio.name]) return;
      var filled = question.fields.filter(function (field) {
        if (!field.shown_when || field.shown_when[0] !== radio.name) return false;
        var names = field.kind === "date" ? ["_year", "_month", "_day"].map(function (part) { return field.name + part; }) : [field.name];
        return names.some(function (name) { return typed(read(name)); });
      });
      if (filled.length === 1) ui[radio.name] = filled[0].shown_when[1];
    });
  }

  /** One field's value in the API's vocabulary, or null (empty, or wrong: `problem` was told). */
  function readField(field, read, definitions, problem) {
    var data = read(field.name), values = field.choices.map(function (c) { return c.value; });
    if (field.kind === "radio") return values.indexOf(data) >= 0 ? data : null;
    if (field.kind === "checkboxes") {
      var items = (data || []).filter(function (item) { return values.indexOf(item) >= 0; });
      if (!items.length || items.length !== (data || []).length) return null;
      if (items.indexOf(field.exclusive) >= 0 && items.length > 1) { problem(field, field.exclusive_error); return null; }
      return items.filter(function (item) { return item !== field.exclusive; });
    }
    if (field.kind === "number") {
      if (!typed(data)) return null;
      var number = readDigits(data, String(field.maximum).length);
      if (number[0] === null || number[0] > field.maximum) {
        problem(field, field.number_errors[number[1] === "not_a_number" ? 0 : 1]);
        return null;
      }
      return number[0];
    }
    var day = readDate(field.era ? read(field.name + "_era") : "western", read(field.name + "_year"), read(field.name + "_month"),
      read(field.name + "_day"), definitions.limits);
    if (day && day.code) {
      problem(field, day.code === "short_year" ? definitions.short_year[field.era ? 1 : 0] : definitions.date_messages[day.code]);
      return null;
    }
    return day || null;
  }

  return { collect: collect, readDate: readDate, breaks: breaks };
});
