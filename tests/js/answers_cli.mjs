// Run the device validator (static/js/answers.js) over form inputs, for tests/test_answers_js.py.
// stdin: [{definitions, inputs, today, known}]; stdout: [{answers, problems}].
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const validator = require("../../static/js/answers.js");
const cases = JSON.parse(readFileSync(0, "utf8"));
const results = cases.map(({ definitions, inputs, today, known }) => {
  const read = (name) => (name in inputs ? inputs[name] : "");
  const { answers, problems } = validator.collect(definitions, read, today, known);
  return { answers, problems: problems.map(({ name, message }) => ({ name, message })) };
});
process.stdout.write(JSON.stringify(results));
