// Run the device engine (static/js/engine.js) over requests, for tests/test_engine_js.py.
// argv[2]: the rules JSON file; stdin: a JSON array of validated requests; stdout: the guides.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const engine = require("../../static/js/engine.js");
const rules = JSON.parse(readFileSync(process.argv[2], "utf8"));
const requests = JSON.parse(readFileSync(0, "utf8"));
const guides = requests.map((answers) => {
  const guide = engine.makeGuide(rules, answers);
  delete guide.facts;
  for (const kind of ["bring", "backup"]) guide[kind] = guide[kind].map(({ id, why, source_ids, backup }) => ({ id, why, source_ids, backup }));
  return guide;
});
process.stdout.write(JSON.stringify(guides));
