/*
 * The 申立書 form with JavaScript: checks and encodes on the phone, draws the QR on the phone, and
 * sends nothing. (Without JavaScript the same form posts to the server instead.) Every word shown
 * comes from the page (#declaration-messages), in the page's language.
 */
(function () {
  "use strict";
  var form = document.getElementById("declaration-form");
  if (!form || !window.MochimonoQR || !window.qrcode) return;
  var codec = window.MochimonoQR;
  var ERROR_FIELD = { birth: "birth_year", signed_on: "signed_year", card_issued: "card_issued_date" };

  function message(key) {
    var element = document.querySelector('#declaration-messages [data-key="' + key + '"]');
    return element ? element.textContent : "";
  }
  function value(name) {
    var field = form.elements[name];
    if (!field) return "";
    return (field.value || "").toString();
  }
  // Only ASCII or full-width digits, as web/numbers.py reads them (NFKC alone would take "²").
  var DATE_PART = { _year: /^[0-9０-９]{1,4}$/, _month: /^[0-9０-９]{1,2}$/, _day: /^[0-9０-９]{1,2}$/ };

  function dateText(prefix) {
    var parts = ["_year", "_month", "_day"].map(function (part) { return value(prefix + part).trim(); });
    if (!parts.join("")) return "";
    if (!["_year", "_month", "_day"].every(function (part, i) { return DATE_PART[part].test(parts[i]); })) return "invalid";
    parts = parts.map(function (part) { return part.normalize("NFKC"); });
    var era = value(prefix + "_era");
    if (era === "western") return [parts[0], parts[1].padStart(2, "0"), parts[2].padStart(2, "0")].join("-");
    return window.MochimonoWareki.KANJI_BY_KEY[era] + parts[0] + "年" + parts[1] + "月" + parts[2] + "日";
  }

  function record() {
    return {
      family: value("family"), given: value("given"), family_kana: value("family_kana"), given_kana: value("given_kana"),
      birth: dateText("birth"), sex: value("sex"), zip: value("zip"), address: value("address"), tel: value("tel"),
      ins_type: value("ins_type"), insurer_no: value("insurer_no"), insurer_name: value("insurer_name"),
      employer: value("employer"), card_issued: value("card_issued_date").trim() || value("card_issued_choice"),
      copay: value("copay"), signer: value("signer"), relation: value("relation"),
      relation_text: value("relation_text"), signed_on: dateText("signed")
    };
  }

  function today() {
    var now = new Date();
    return String(now.getFullYear()) + String(now.getMonth() + 1).padStart(2, "0") + String(now.getDate()).padStart(2, "0");
  }

  function clearErrors() {
    form.querySelectorAll(".js-field-error").forEach(function (element) { element.remove(); });
    form.querySelectorAll(".has-error").forEach(function (element) { element.classList.remove("has-error"); });
    var summary = document.getElementById("js-error-summary");
    summary.hidden = true;
    summary.querySelector("ul").textContent = "";
  }

  function showErrors(problems) {
    clearErrors();
    var summary = document.getElementById("js-error-summary"), list = summary.querySelector("ul");
    problems.forEach(function (problem) {
      var id = ERROR_FIELD[problem.field] || problem.field, input = document.getElementById(id);
      var text = problem.text || message(problem.field + "." + problem.code) || message("generic");
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + (input ? id : "declaration-form");
      link.textContent = text;
      item.append(link);
      list.append(item);
      if (input) {
        var group = input.closest(".form-group");
        var note = document.createElement("p");
        note.className = "field-error js-field-error";
        note.textContent = text;
        if (group) {
          // Where the server puts it: before the first control (or the row of them), which may sit
          // inside a fieldset rather than directly in the group.
          var first = group.querySelector(".date-input, .inline-row, .radios, .checkboxes, input, select, textarea");
          group.classList.add("has-error");
          note.id = id + "-js-error";
          if (!group.querySelector("#" + note.id)) first.parentNode.insertBefore(note, first);
        }
      }
    });
    summary.hidden = false;
    summary.focus();
  }

  function warnings(values) {
    var found = [];
    if (values.insurer_no && !codec.insurerNumberIsValid(values.insurer_no)) found.push(message("warning.check_digit"));
    var suggested = values.insurer_no ? codec.insuranceTypeFromNumber(values.insurer_no) : null;
    if (suggested && ["", "9", suggested].indexOf(values.ins_type) < 0) {
      found.push(message("warning.ins_type").replace("%(suggested)s", message("ins-type." + suggested)));
    }
    return found;
  }

  function showQr(text, values) {
    var box = document.getElementById("qr-box");
    box.textContent = "";
    box.append(window.MochimonoSymbol.svg(text, message("qr-title")));
    var list = document.getElementById("qr-warnings");
    list.textContent = "";
    warnings(values).forEach(function (text) {
      var item = document.createElement("li");
      item.className = "notice";
      item.textContent = text;
      list.append(item);
    });
    window.MochimonoSheet.fill(document.querySelector("#staff-view [data-sheet]"), values);
    document.getElementById("declaration-form-view").hidden = true;
    var view = document.getElementById("qr-view");
    view.hidden = false;
    window.scrollTo(0, 0);
    view.focus();
    window.MochimonoSymbol.keepAwake(true);
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.value === "zip") return;  // handled by the click listener below
    event.preventDefault();
    var result = codec.normalise(record());
    var problems = result.problems;
    if (!problems.some(function (p) { return p.field === "birth"; }) && result.values.birth > today()) {
      problems.push({ field: "birth", code: "future" });
    }
    if (problems.length) return showErrors(problems);
    clearErrors();
    codec.encode(result.values, form.getAttribute("data-qr-prefix")).then(function (text) {
      try {
        showQr(text, result.values);
      } catch (error) {
        showErrors([{ field: "address", text: message("too-large") }]);
      }
    });
  });

  var lookup = form.querySelector("[data-zip-lookup]");
  lookup.addEventListener("click", function (event) {
    event.preventDefault();
    var code = codec.normaliseValue("zip", value("zip")), zip = code[0];
    if (code[1] || !zip) return showErrors([{ field: "zip", code: code[1] || "invalid" }]);
    // Only the first digit leaves the phone: the file holds every code that starts with it.
    fetch("/static/postal/" + zip.charAt(0) + ".json", { credentials: "omit" })
      .then(function (response) { return response.json(); })
      .then(function (region) {
        var address = region[zip.slice(1)];
        if (!address) return showErrors([{ field: "zip", code: "not_found" }]);
        clearErrors();
        form.elements.zip.value = zip;
        form.elements.address.value = address;
        form.elements.address.focus();
      })
      .catch(function () { showErrors([{ field: "zip", code: "not_found" }]); });
  });

  document.getElementById("show-staff").addEventListener("click", function () {
    var staff = document.getElementById("staff-view");
    staff.hidden = !staff.hidden;
  });
  document.getElementById("back-to-form").addEventListener("click", function () {
    document.getElementById("qr-view").hidden = true;
    document.getElementById("declaration-form-view").hidden = false;
    window.MochimonoSymbol.keepAwake(false);
  });
})();
