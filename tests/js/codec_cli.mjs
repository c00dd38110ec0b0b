// Encode or decode with the JavaScript codec, for the cross-language tests in pytest.
// stdin: a JSON array; `encode` takes records and prints texts, `decode` takes texts and prints fields.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const codec = { ...require("../../static/js/qr-payload.js"), ...require("../../static/js/qr-read.js") };
const input = JSON.parse(readFileSync(0, "utf8"));
const mode = process.argv[2];
const out = [];
for (const item of input) {
  if (mode === "encode") out.push(await codec.encode(codec.normalise(item).values, "https://example.invalid/r#"));
  else out.push(await codec.decode(item).catch((error) => ({ error: error.code })));
}
process.stdout.write(JSON.stringify(out));
