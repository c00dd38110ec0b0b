/*
 * The guide engine on the device, for offline use: the same rules data as the server
 * (web/rules/rules.yaml, served as /rules.json) and the same steps as web/engine.py and
 * web/dates.py. tests/vectors/engine_cases.json is run against both and must agree exactly.
 * Dates are ISO strings ("2026-11-23"), which compare correctly as text.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MochimonoEngine = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SEVERITY_ORDER = { high: 0, medium: 1, info: 2 };

  // --- dates (web/dates.py) ----------------------------------------------------------------
  function parts(iso) { return [+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10)]; }
  function pad(n, w) { var s = String(n); while (s.length < w) s = "0" + s; return s; }
  function iso(y, m, d) { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2); }
  function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }
  function daysIn(y, m) { return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]; }
  function addDays(day, n) {
    var p = parts(day), t = new Date(Date.UTC(p[0], p[1] - 1, p[2] + n));  // years here are all > 1800
    return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  function endOfMonth(day) { var p = parts(day); return iso(p[0], p[1], daysIn(p[0], p[1])); }
  function addMonths(day, months) {
    var p = parts(day), index = p[0] * 12 + (p[1] - 1) + months;
    var y = Math.floor(index / 12), m = index - y * 12 + 1;
    return iso(y, m, Math.min(p[2], daysIn(y, m)));
  }
  function anniversary(birth, years) {
    var p = parts(birth), y = p[0] + years;
    if (p[1] === 2 && p[2] === 29 && !isLeap(y)) return iso(y, 3, 1);
    return iso(y, p[1], p[2]);
  }
  function reachesAge(birth, years) { return addDays(anniversary(birth, years), -1); }
  function ageOn(birth, day) {
    var age = +day.slice(0, 4) - +birth.slice(0, 4);
    if (anniversary(birth, age) > day) age -= 1;
    return age;
  }
  function preschoolEnd(birth) {
    var reached = reachesAge(birth, 6), march31 = reached.slice(0, 4) + "-03-31";
    return reached <= march31 ? march31 : pad(+reached.slice(0, 4) + 1, 4) + "-03-31";
  }
  function firstOfMonthAfterReaching(birth, years) { return addDays(endOfMonth(reachesAge(birth, years)), 1); }
  function ecertExpiryEstimate(birth, issued, birthdays) {
    var years = +issued.slice(0, 4) - +birth.slice(0, 4);
    while (anniversary(birth, years) <= issued) years += 1;
    return anniversary(birth, years + birthdays - 1);
  }
  function graceEnd(expiry, months) { return endOfMonth(addMonths(expiry.slice(0, 8) + "01", months)); }

  // --- engine (web/engine.py) --------------------------------------------------------------
  function ecertExpiryOf(answers, rules) {
    if (answers.ecert_expiry) return [answers.ecert_expiry, false];
    if (answers.card_issued && answers.birth_date) {
      return [ecertExpiryEstimate(answers.birth_date, answers.card_issued, rules.constants.ecert_valid_birthdays), true];
    }
    return [null, false];
  }

  function expiryStatus(expiry, visit, windowMonths, graceMonths) {
    if (visit > graceEnd(expiry, graceMonths)) return "lapsed";
    if (visit > expiry) return "grace";
    if (visit >= addMonths(expiry, -windowMonths)) return "renew_soon";
    return "valid";
  }

  function aged85In2026(answers, age, c) {
    var on = c.elderly_2026_from, threshold = c.elderly_all_kakuninsho_age;
    if (answers.birth_date) return ageOn(answers.birth_date, on) >= threshold ? "yes" : "no";
    if (answers.visit_date < on) return "unknown";
    if (age < threshold) return "no";
    if (age - Math.max(+answers.visit_date.slice(0, 4) - +on.slice(0, 4), 0) - 1 >= threshold) return "yes";
    return "unknown";
  }

  function deriveFacts(answers, rules) {
    var c = rules.constants, v = rules.vocabularies, visit = answers.visit_date, birth = answers.birth_date;
    var age = birth ? ageOn(birth, visit) : answers.age;
    var scheme = answers.insurance;
    if (v.moves_to_elderly.indexOf(scheme) >= 0 && age >= c.elderly_age) scheme = "elderly";
    var band = birth
      ? firstOfMonthAfterReaching(birth, c.copay_70_age) <= visit && visit < anniversary(birth, c.elderly_age)
      : c.copay_70_age <= age && age < c.elderly_age;
    var holds = answers.holds.slice();
    var hasCard = v.card_items.some(function (item) { return holds.indexOf(item) >= 0; });
    var found = ecertExpiryOf(answers, rules), expiry = found[0], ecert = "none", card = "none";
    if (hasCard) {
      ecert = expiry ? expiryStatus(expiry, visit, c.ecert_renewal_window_months, c.ecert_grace_months) : "unknown";
      card = answers.card_expiry
        ? expiryStatus(answers.card_expiry, visit, c.card_renewal_window_months, c.card_grace_months) : "unknown";
    }
    var kakuninsho = "none";
    if (holds.indexOf("kakuninsho") >= 0) {
      if (!answers.kakuninsho_expiry) kakuninsho = "unknown_expiry";
      else kakuninsho = visit <= answers.kakuninsho_expiry ? "valid" : "expired";
    }
    return {
      insurance: answers.insurance, scheme: scheme, insured: v.insured_schemes.indexOf(scheme) >= 0, holds: holds,
      has_card: hasCard, registered: answers.mynumber_registered, subsidy_linked: answers.subsidy_linked,
      card_auth: answers.card_auth || "unknown", visitor: answers.visitor || "me", age: age, band_70_74: band, ecert: ecert,
      ecert_estimated: hasCard && found[1], card: card, kakuninsho: kakuninsho,
      elderly_85: aged85In2026(answers, age, c),
      beyond_review_horizon: visit > addDays(rules.rules_as_of, rules.review_horizon_days)
    };
  }

  function holdsCondition(condition, facts) {
    if (condition.all) return condition.all.every(function (part) { return holdsCondition(part, facts); });
    if (condition.any) return condition.any.some(function (part) { return holdsCondition(part, facts); });
    if (condition.not) return !holdsCondition(condition.not, facts);
    var value = facts[condition.fact];
    if ("is" in condition) return value === condition.is;
    if ("in" in condition) return condition.in.indexOf(value) >= 0;
    if ("has" in condition) return value.indexOf(condition.has) >= 0;
    if ("lt" in condition) return value < condition.lt;
    if ("gte" in condition) return value >= condition.gte;
    throw new Error("unknown condition " + JSON.stringify(condition));
  }

  function isEffective(rule, visit) {
    var effective = rule.effective || {};
    return (!effective.from || effective.from <= visit) && (!effective.until || visit <= effective.until);
  }

  function copayRatios(answers, facts, c) {
    var table = c.copay;
    if (facts.scheme === "welfare") return [];
    if (facts.scheme === "elderly") return table.elderly;
    if (facts.band_70_74) return table.from_70;
    if (answers.birth_date) return answers.visit_date <= preschoolEnd(answers.birth_date) ? table.preschool : table.standard;
    if (facts.age < c.preschool_age) return table.preschool;
    if (facts.age === c.preschool_age) {
      return table.preschool.concat(table.standard).filter(function (v, i, a) { return a.indexOf(v) === i; }).sort();
    }
    return table.standard;
  }

  /** The dates of the cards and papers, each [date, estimated] (web/engine.py key_dates). */
  function keyDates(answers, facts, rules) {
    var c = rules.constants, found = {}, ecert = ecertExpiryOf(answers, rules), expiry = ecert[0];
    if (facts.has_card && expiry) {
      found.ecert_renewal_opens = [addMonths(expiry, -c.ecert_renewal_window_months), ecert[1]];
      found.ecert_expiry = [expiry, ecert[1]];
      found.ecert_grace_end = [graceEnd(expiry, c.ecert_grace_months), ecert[1]];
    }
    if (facts.has_card && answers.card_expiry) {
      found.card_expiry = [answers.card_expiry, false];
      found.card_grace_end = [graceEnd(answers.card_expiry, c.card_grace_months), false];
    }
    if (answers.kakuninsho_expiry && facts.kakuninsho !== "none") {
      found.kakuninsho_expiry = [answers.kakuninsho_expiry, false];
    } else if (facts.kakuninsho === "unknown_expiry" && facts.scheme === "elderly" && answers.visit_date >= c.elderly_2026_from) {
      found.kakuninsho_expiry = [c.elderly_2026_kakuninsho_until, true];
    }
    return found;
  }

  var TIMELINE_DATES = ["ecert_renewal_opens", "ecert_expiry", "ecert_grace_end", "card_expiry", "kakuninsho_expiry"];

  function buildTimeline(answers, known, rules) {
    var c = rules.constants, visit = answers.visit_date, entries = [];
    TIMELINE_DATES.forEach(function (id) { if (known[id]) entries.push([id, known[id][0], known[id][1]]); });
    var birth = answers.birth_date;
    if (birth) {
      var earliest = addMonths(visit, -12 * c.timeline_past_years), latest = addMonths(visit, 12 * c.timeline_future_years);
      [["preschool_end", preschoolEnd(birth)], ["copay_70", firstOfMonthAfterReaching(birth, c.copay_70_age)],
        ["elderly_75", anniversary(birth, c.elderly_age)]].forEach(function (entry) {
        if (earliest <= entry[1] && entry[1] <= latest) entries.push([entry[0], entry[1], false]);
      });
    }
    // A stable sort by date, as Python's sort is.
    entries = entries.map(function (e, i) { return [e, i]; }).sort(function (a, b) {
      return a[0][1] < b[0][1] ? -1 : a[0][1] > b[0][1] ? 1 : a[1] - b[1];
    }).map(function (pair) { return pair[0]; });
    return entries.map(function (e) { return { id: e[0], date: e[1], past: e[1] < visit, estimated: e[2] }; });
  }

  /** Apply the rules in force on answers.visit_date (answers as validated, API vocabulary). */
  function makeGuide(rules, answers) {
    var visit = answers.visit_date, facts = deriveFacts(answers, rules);
    var guide = {
      rules_as_of: rules.rules_as_of, visit_date: visit, age_on_visit: facts.age, verdict: "at_risk",
      copay_ratios: copayRatios(answers, facts, rules.constants), bring: [], backup: [], warnings: [],
      timeline: [], source_ids: [], applied_rules: [], dates: {}
    };
    var proofs = {}, forceCheck = false, seenItems = {}, seenWarnings = {};
    function apply(rule) {
      var then = rule.then, sources = rule.sources || [];
      guide.applied_rules.push(rule.id);
      sources.forEach(function (id) { if (guide.source_ids.indexOf(id) < 0) guide.source_ids.push(id); });
      if (then.proof) proofs[then.proof] = true;
      if (then.verdict === "check") forceCheck = true;
      [["bring", guide.bring], ["backup", guide.backup]].forEach(function (kind) {
        (then[kind[0]] || []).forEach(function (entry) {
          var key = kind[0] + ":" + entry.item;
          if (!seenItems[key]) {
            seenItems[key] = true;
            kind[1].push({ id: entry.item, why: entry.why, source_ids: sources.slice(), backup: !!entry.backup });
          }
        });
      });
      var warn = then.warn;
      if (warn && !seenWarnings[warn.id]) {
        seenWarnings[warn.id] = true;
        guide.warnings.push({ id: warn.id, severity: warn.severity, message: warn.message, action: warn.action,
          source_ids: sources.slice() });
      }
    }
    ["holds", "outcome"].forEach(function (phase) {
      if (phase === "outcome") facts.proof = proofs.valid ? "valid" : proofs.maybe ? "maybe" : "none";
      rules.rules.forEach(function (rule) {
        if ((rule.phase || "holds") === phase && isEffective(rule, visit) && holdsCondition(rule.when, facts)) apply(rule);
      });
    });
    guide.verdict = forceCheck ? "check" : { valid: "ok", maybe: "check", none: "at_risk" }[facts.proof];
    guide.warnings = guide.warnings.map(function (w, i) { return [w, i]; }).sort(function (a, b) {
      return SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] || a[1] - b[1];
    }).map(function (pair) { return pair[0]; });
    var known = keyDates(answers, facts, rules);
    Object.keys(known).forEach(function (name) { guide.dates[name] = known[name][0]; });
    guide.timeline = buildTimeline(answers, known, rules);
    guide.facts = facts;
    return guide;
  }

  return {
    makeGuide: makeGuide, ecertExpiryOf: ecertExpiryOf, graceEnd: graceEnd, ageOn: ageOn, holdsCondition: holdsCondition,
    dates: { addMonths: addMonths, anniversary: anniversary, preschoolEnd: preschoolEnd, graceEnd: graceEnd,
      firstOfMonthAfterReaching: firstOfMonthAfterReaching, ecertExpiryEstimate: ecertExpiryEstimate, ageOn: ageOn }
  };
});
