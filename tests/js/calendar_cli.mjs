// Run the device calendar builder (static/js/calendar.js) over cases, for tests/test_calendar.py.
// stdin: a JSON array of {timeline, labels, data, rules_as_of}; stdout: [{events, ics}].
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const calendar = require("../../static/js/calendar.js");
const cases = JSON.parse(readFileSync(0, "utf8"));
const made = cases.map(({ timeline, labels, data, rules_as_of }) => {
  const events = calendar.events(timeline, labels, data);
  return { events, ics: calendar.toIcs(events, rules_as_of, data.prodid) };
});
process.stdout.write(JSON.stringify(made));
