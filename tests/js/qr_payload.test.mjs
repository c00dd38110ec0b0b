// The JavaScript codec against the shared vectors (tests/vectors/qr_payload.json), with Node's
// built-in test runner. tests/test_qr_payload_js.py runs this file from pytest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const codec = { ...require("../../static/js/qr-payload.js"), ...require("../../static/js/qr-read.js") };
const vectors = JSON.parse(readFileSync(new URL("../vectors/qr_payload.json", import.meta.url), "utf8"));

test("the field order is the spec's", () => assert.deepEqual(codec.KEYS, vectors.keys));

for (const vector of vectors.golden) {
  test(`golden vector decodes exactly: ${vector.name}`, async () => {
    assert.deepEqual(await codec.decode(vector.text), vector.fields);
  });
}

for (const vector of vectors.reject) {
  test(`rejected (${vector.code}): ${vector.text.slice(0, 30)}`, async () => {
    await assert.rejects(codec.decode(vector.text), (error) => error.code === vector.code);
  });
}

for (const vector of vectors.normalise) {
  test(`normalises: ${vector.name}`, () => {
    const { values, problems } = codec.normalise(vector.input);
    assert.deepEqual(problems, []);
    for (const [key, expected] of Object.entries(vector.output)) assert.equal(values[key], expected);
  });
}

for (const vector of vectors.invalid) {
  test(`refuses: ${vector.name}`, () => {
    const { problems } = codec.normalise(vector.input);
    assert.ok(problems.some((p) => p.field === vector.field && p.code === vector.code), JSON.stringify(problems));
  });
}

for (const vector of vectors.check_digits) {
  test(`insurer number ${vector.number}`, () => {
    assert.equal(codec.insurerNumberIsValid(vector.number), vector.valid);
    assert.equal(codec.insuranceTypeFromNumber(vector.number), vector.ins_type);
  });
}

for (const vector of vectors.records) {
  test(`round trip: ${vector.name}`, async () => {
    const { values, problems } = codec.normalise(vector.record);
    assert.deepEqual(problems, []);
    const text = await codec.encode(values, "https://example.invalid/r#");
    assert.deepEqual(await codec.decode(text), values);
  });
}

const copy = require("../../static/js/copy-text.js");
for (const vector of vectors.copy_text) {
  test(`copy text for the receipt computer: ${vector.name}`, () => {
    assert.equal(copy.copyText(vector.values), vector.text);
  });
}

for (const vector of vectors.unreadable) {
  test(`shows only what could be read: ${vector.name}`, async () => {
    const { values, unreadable } = codec.readable(await codec.decode(vector.text));
    assert.deepEqual(unreadable, vector.unreadable);
    assert.deepEqual(Object.fromEntries(Object.entries(values).filter(([, value]) => value)), vector.readable);
  });
}

// The hostile corpus the Python decoder is tested with (tests/test_fuzz.py, tests/test_qr_payload.py).
for (const vector of vectors.hostile) {
  test(`hostile text is refused or shown in part: ${vector.text.slice(0, 40)}`, async () => {
    let values;
    try {
      values = await codec.decode(vector.text);
    } catch (error) {
      assert.equal(error.code, vector.code, String(error));
      return;
    }
    assert.deepEqual(codec.readable(values).unreadable, vector.unreadable);
  });
}
