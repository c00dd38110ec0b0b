/*
 * Calendar reminders (.ics, RFC 5545) made on the device, as web/calendar.py makes them on the
 * server, from the same data (`calendar` in /<lang>/guide-texts.json: the alarm offsets and what to
 * do on each date). tests/test_calendar.py runs both over tests/vectors/calendar_cases.json.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MochimonoCalendar = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function nextDay(iso) {
    var p = iso.split("-");
    return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2] + 1)).toISOString().slice(0, 10);
  }

  /** One event per coming date of the guide's timeline (the shape of web/calendar.py's events()). */
  function events(timeline, labels, data) {
    return timeline.filter(function (entry) { return !entry.past; }).map(function (entry) {
      var reminder = data.reminders[entry.id];
      return {
        uid: entry.id + "-" + entry.date + "@mochimono",
        start: entry.date,
        end: nextDay(entry.date),
        summary: labels[entry.id].replace(/｜([^｜《》]+)《[^｜《》]+》/g, "$1"),  // no furigana (web/ruby.py)
        description: reminder.description,
        trigger: reminder.trigger
      };
    });
  }

  function text(value) {
    return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }
  var encoder = new TextEncoder();
  /** Lines of at most 75 octets, continued after CRLF and a space; never inside a character or
   * between a backslash and what it escapes (some clients mind). */
  function fold(line) {
    var lines = [], current = "", size = 0;
    (line.match(/\\.|[\s\S]/gu) || []).forEach(function (unit) {
      var octets = encoder.encode(unit).length;
      if (size + octets > 75) { lines.push(current); current = " "; size = 1; }
      current += unit;
      size += octets;
    });
    lines.push(current);
    return lines.join("\r\n");
  }
  function compact(iso) { return iso.replace(/-/g, ""); }

  /** The file: DTSTAMP is the rules date at midnight UTC, as on the server. */
  function toIcs(made, rulesAsOf, prodid) {
    var stamp = compact(rulesAsOf) + "T000000Z";
    var lines = ["BEGIN:VCALENDAR", "PRODID:" + text(prodid), "VERSION:2.0", "CALSCALE:GREGORIAN"];
    made.forEach(function (event) {
      lines.push("BEGIN:VEVENT", "UID:" + text(event.uid), "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + compact(event.start), "DTEND;VALUE=DATE:" + compact(event.end),
        "SUMMARY:" + text(event.summary), "DESCRIPTION:" + text(event.description),
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + text(event.summary), "TRIGGER:" + event.trigger, "END:VALARM",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  return { events: events, toIcs: toIcs };
});
