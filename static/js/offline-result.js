/*
 * The guide's result on the offline page, made on the device. It builds the same view as
 * web/result_view.py from the device engine's guide and the words in /<lang>/guide-texts.json,
 * and fills the result macros (web/templates/components/result.html), which the page holds blank:
 * no part of the result's structure is written here. Also makes the .ics on the device
 * (static/js/calendar.js). Nothing is sent or stored.
 */
(function () {
  "use strict";
  var section = document.getElementById("offline-result");
  if (!section) return;
  var lang = document.documentElement.lang;
  var plural = new Intl.PluralRules(lang);
  var shown = null;

  function message(key) {
    var element = document.querySelector('#offline-messages [data-key="' + key + '"]');
    return element ? element.textContent : key;
  }
  function fillIn(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  function format(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return params[name] || ""; }).replace(/%%/g, "%");
  }
  function longDate(iso) {
    var p = iso.split("-");
    // The page's BCP 47 tag (ja-x-easy reads as Japanese); Latin digits, as the server writes them.
    return new Intl.DateTimeFormat(lang.split("-x-")[0], { year: "numeric", month: "long", day: "numeric", timeZone: "UTC", numberingSystem: "latn" })
      .format(new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])));
  }

  // --- the view (web/result_view.py) --------------------------------------------------------
  /** Coming and past dates; an open renewal window is something to do now (result_view.timeline_parts). */
  function timelineParts(entries, texts) {
    var pastById = {};
    entries.forEach(function (entry) { pastById[entry.id] = entry.past; });
    var windowOpen = pastById.ecert_renewal_opens === true && pastById.ecert_expiry === false;
    var coming = [], past = [];
    entries.forEach(function (entry) {
      var now = windowOpen && entry.id === "ecert_renewal_opens";
      var part = {
        id: entry.id, when: longDate(entry.date), label: texts.timeline[entry.id], estimated: entry.estimated, now: now,
        state: now ? "now" : entry.past ? "past" : "coming"
      };
      (entry.past && !now ? past : coming).push(part);
    });
    return [coming, past];
  }

  /** Each hard word's note goes with the first part, in page order, that uses it (result_view.place_terms). */
  function placeTerms(parts, texts) {
    var seen = {};
    parts.forEach(function (pair) {
      var here = {};
      pair[1].forEach(function (key) {
        (texts.term_keys[key] || []).forEach(function (term) { if (!seen[term]) here[term] = seen[term] = true; });
      });
      pair[0].terms = Object.keys(texts.terms).filter(function (term) { return here[term]; })
        .map(function (term) { return { note: texts.terms[term] }; });
    });
  }

  function viewOf(guide, texts) {
    var params = {};  // the dates texts may name, as the engine computed them (present.message_params)
    Object.keys(guide.dates).forEach(function (name) { params[name] = longDate(guide.dates[name]); });
    function item(entry) {
      var names = texts.items[entry.id];
      // `backup: true` marks the one backup paper the engine puts in the numbered checklist.
      return {
        label: names.label, ja: names.ja, why: texts.texts[entry.why], backup: entry.backup === true,
        picture: texts.pictures[entry.id]
      };
    }
    var timeline = timelineParts(guide.timeline, texts);
    var view = {
      visit: longDate(guide.visit_date),
      num: guide.age_on_visit,
      rules: longDate(guide.rules_as_of),
      verdict: { id: guide.verdict, text: texts.verdicts[guide.verdict] },
      bring: guide.bring.map(item),
      copay: guide.copay_ratios.map(function (r) {
        return fillIn(message("ratio"), { tenths: Math.round(r * 10), percent: Math.round(r * 100) });
      }).join(message("separator")),
      warnings: guide.warnings.map(function (w) {
        return {
          severity: w.severity, severity_name: texts.severities[w.severity],
          message: format(texts.texts[w.message], params), action: format(texts.texts[w.action], params)
        };
      }),
      backup: guide.backup.map(item),
      prefill: guide.backup.some(function (entry) { return entry.id === "moushitatesho"; }),
      coming: timeline[0],
      past: timeline[1],
      calendar: timeline[0].some(function (entry) { return entry.state === "coming"; }),
      sources: guide.source_ids.map(function (id) {
        var source = texts.sources[id];
        return { title: source.title, url: source.url || "", when: longDate(source.date) };
      })
    };
    function keysOf(entry) { return ["item:" + entry.id, "text:" + entry.why]; }
    placeTerms([[view.verdict, ["verdict:" + guide.verdict]]]
      .concat(view.bring.map(function (part, i) { return [part, keysOf(guide.bring[i])]; }))
      .concat(view.warnings.map(function (part, i) { return [part, ["text:" + guide.warnings[i].message, "text:" + guide.warnings[i].action]]; }))
      .concat(view.backup.map(function (part, i) { return [part, keysOf(guide.backup[i])]; }))
      .concat(view.coming.concat(view.past).map(function (part) { return [part, ["timeline:" + part.id]]; })), texts);
    return view;
  }

  // --- filling the macros (the markers are described in components/result.html) ---------------
  /** Japanese words in a page in another language, marked as the server marks them
   * (web/japanese_parts.py, whose patterns come in guide-texts.json). */
  var japanese = null;  // {pattern, glosses} as RegExps, set by show(); null: nothing to mark
  function appendText(el, text) {
    var runs = [];
    if (japanese && !el.closest('[lang|="ja"]')) {
      var glosses = [];
      if (japanese.glosses) text.replace(japanese.glosses, function (m, at) { glosses.push([at, at + m.length]); });
      text.replace(japanese.pattern, function (m, at) {
        if (!glosses.some(function (g) { return at < g[1] && g[0] < at + m.length; })) runs.push([at, at + m.length]);
      });
    }
    var done = 0;
    runs.forEach(function (run) {
      var span = document.createElement("span");
      span.lang = "ja";
      span.textContent = text.slice(run[0], run[1]);
      el.append(text.slice(done, run[0]), span);
      done = run[1];
    });
    el.append(text.slice(done));
  }

  /** `text` into `el`, its furigana (｜漢字《かんじ》, web/ruby.py) as ruby; never as HTML. */
  function setText(el, text) {
    el.textContent = "";
    String(text).split(/｜([^｜《》]+)《([^｜《》]+)》/).forEach(function (part, i) {
      if (i % 3 === 0) { appendText(el, part); return; }
      if (i % 3 === 1) { el.append(document.createElement("ruby")); el.lastChild.append(part); return; }
      el.lastChild.append(document.createElement("rt"));
      el.lastChild.lastChild.textContent = part;
    });
  }

  function present(value) { return Array.isArray(value) ? value.length > 0 : !!value; }

  function fill(node, data) {
    /** The marked nodes that belong to `node`'s data, not to a part inside it. */
    function mine(selector) {
      var found = Array.prototype.slice.call(node.querySelectorAll(selector));
      if (node.matches(selector)) found.unshift(node);
      return found.filter(function (el) {
        var part = el.closest("[data-part]");
        return !part || part === node || !node.contains(part);
      });
    }
    mine("[data-list]").forEach(function (list) { list.textContent = ""; });
    mine("[data-field]").forEach(function (el) {
      var value = data[el.getAttribute("data-field")];
      setText(el, value === undefined || value === null ? "" : value);
    });
    mine("[data-text]").forEach(function (el) {
      var one = el.getAttribute("data-text-one");
      setText(el, fillIn(one && plural.select(data.num) === "one" ? one : el.getAttribute("data-text"), data));
    });
    mine("[data-class]").forEach(function (el) { el.className = fillIn(el.getAttribute("data-class"), data); });
    mine("[data-href]").forEach(function (el) { el.href = data[el.getAttribute("data-href")]; });
    mine("[data-picture]").forEach(function (el) {
      var picture = data.picture;  // as the paper_picture macro draws it (components/pictures.html)
      if (!picture) return;
      var img = new Image(picture.size[0], picture.size[1]);
      img.src = picture.src;
      img.alt = picture.alt;
      img.className = "paper-picture";
      img.loading = "lazy";
      el.append(img);
    });
    mine("[data-if]").forEach(function (el) { el.hidden = !present(data[el.getAttribute("data-if")]); });
    mine("[data-unless]").forEach(function (el) { el.hidden = present(data[el.getAttribute("data-unless")]); });
    Array.prototype.filter.call(node.querySelectorAll("[data-part]"), function (el) {
      var outer = el.parentElement.closest("[data-part]");
      return !outer || outer === node || !node.contains(outer);
    }).forEach(function (el) { fill(el, data[el.getAttribute("data-part")] || {}); });
    mine("[data-list]").forEach(function (list) {
      var name = list.getAttribute("data-template") || list.getAttribute("data-list");
      var template = document.querySelector('template[data-item="' + name + '"]');
      (data[list.getAttribute("data-list")] || []).forEach(function (itemData) {
        var clone = template.content.firstElementChild.cloneNode(true);
        fill(clone, itemData);
        list.append(clone);
      });
    });
  }

  // --- the page -------------------------------------------------------------------------------
  /** Show the result of `guide` in place of the questions. */
  function show(guide, texts) {
    var rules = texts.japanese;
    japanese = rules.mode === "none" ? null : {
      pattern: new RegExp(rules.pattern, "g"), glosses: rules.glosses ? new RegExp(rules.glosses, "g") : null
    };
    fill(section.querySelector(".result"), viewOf(guide, texts));
    shown = { guide: guide, texts: texts };
    document.getElementById("offline-guide").hidden = true;
    document.getElementById("offline-errors").hidden = true;
    section.hidden = false;
    document.querySelectorAll("[data-print]").forEach(function (button) { button.hidden = false; });
    window.scrollTo(0, 0);
    section.focus();
  }

  /** The coming dates as a calendar file, made here and saved without leaving the device. */
  function downloadCalendar() {
    var calendar = window.MochimonoCalendar, data = shown.texts.calendar;
    var events = calendar.events(shown.guide.timeline, shown.texts.timeline, data);
    var url = URL.createObjectURL(new Blob([calendar.toIcs(events, shown.guide.rules_as_of, data.prodid)], { type: "text/calendar" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = "mochimono.ics";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  section.querySelector("[data-calendar]").addEventListener("click", downloadCalendar);
  document.getElementById("offline-again").addEventListener("click", function () {
    section.hidden = true;
    document.getElementById("offline-guide").hidden = false;
  });
  window.MochimonoResult = { show: show };
})();
