import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  cleanDone,
  emptyState,
  exportText,
  FORMAT,
  mergeDone,
  parseImport,
  stateFromText,
  VERSION,
  withDone,
} from "../../docs/assets/javascripts/progress-model.js";

const NOW = "2026-03-02T09:00:00.000Z";
const EARLY = "2026-01-05T10:00:00.000Z";
const LATE = "2026-02-10T10:00:00.000Z";
const KNOWN = new Set(["linear-algebra", "calculus", "k-means"]);

function file(done, extra = {}) {
  return JSON.stringify({ format: FORMAT, version: VERSION, exported: NOW, site: "https://x/", done, ...extra });
}

describe("saved state (stateFromText): whatever was saved becomes the current version", () => {
  test("nothing saved, or unreadable text, is no progress", () => {
    for (const text of [null, "", "{", "not json", "null", "42", '"text"']) {
      assert.deepEqual(stateFromText(text, NOW), emptyState(), String(text));
    }
  });

  test("a state without a version, or of an older one, is brought to the current version", () => {
    assert.deepEqual(stateFromText(JSON.stringify({ done: { calculus: EARLY } }), NOW), {
      version: VERSION,
      done: { calculus: EARLY },
    });
    assert.deepEqual(stateFromText(JSON.stringify({ version: 0, done: { calculus: EARLY } }), NOW).version, VERSION);
  });

  test("a date that is not a string becomes the time of reading; a done list of the wrong type is dropped", () => {
    const text = JSON.stringify({ version: 1, done: { calculus: 17, "k-means": null, "linear-algebra": EARLY } });
    assert.deepEqual(stateFromText(text, NOW).done, { calculus: NOW, "k-means": NOW, "linear-algebra": EARLY });
    assert.deepEqual(stateFromText(JSON.stringify({ done: ["calculus"] }), NOW).done, {});
    assert.deepEqual(stateFromText(JSON.stringify({ done: "calculus" }), NOW).done, {});
  });
});

describe("marking done (withDone)", () => {
  test("marks a topic with the date, keeps the first date when marked again, and unmarks", () => {
    const once = withDone(emptyState(), "calculus", true, EARLY);
    assert.deepEqual(once, { version: VERSION, done: { calculus: EARLY } });
    assert.equal(withDone(once, "calculus", true, LATE).done.calculus, EARLY);
    assert.deepEqual(withDone(once, "calculus", false, LATE).done, {});
  });

  test("never changes the state it is given", () => {
    const state = { version: VERSION, done: { calculus: EARLY } };
    withDone(state, "k-means", true, NOW);
    withDone(state, "calculus", false, NOW);
    assert.deepEqual(state, { version: VERSION, done: { calculus: EARLY } });
  });
});

describe("export file (exportText)", () => {
  test("is indented JSON with the format, version, date, site and done topics, ending in a newline", () => {
    const text = exportText({ version: VERSION, done: { calculus: EARLY } }, "https://x/", NOW);
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(Object.keys(JSON.parse(text)), ["format", "version", "exported", "site", "done"]);
    assert.deepEqual(JSON.parse(text), {
      format: "ml-roadmap-progress",
      version: 1,
      exported: NOW,
      site: "https://x/",
      done: { calculus: EARLY },
    });
    assert.match(text, /^\{\n {2}"format"/);
  });

  test("round-trips through parseImport", () => {
    const done = { calculus: EARLY, "k-means": LATE };
    assert.deepEqual(parseImport(exportText({ version: VERSION, done }, "https://x/", NOW), KNOWN, NOW), done);
  });
});

describe("import file (parseImport): untrusted input", () => {
  const notJson = { message: "That file is not JSON, so it is not a progress export from ML Roadmap." };
  const notExport = { message: "That file is not a progress export from ML Roadmap." };

  test("text that is not JSON is refused", () => {
    for (const text of ["", "{", "<html><body>hi</body></html>", "undefined", "{'done': {}}"]) {
      assert.throws(() => parseImport(text, KNOWN, NOW), notJson, text);
    }
  });

  test("JSON that is not an export is refused", () => {
    const wrong = [
      "null",
      "42",
      '"ml-roadmap-progress"',
      "[]",
      '{"hello": "world"}',
      JSON.stringify({ format: "something-else", version: 1, done: {} }),
      JSON.stringify({ format: FORMAT, version: 1 }),
      JSON.stringify({ format: FORMAT, version: 1, done: "calculus" }),
      JSON.stringify({ format: FORMAT, version: 1, done: 3 }),
    ];
    for (const text of wrong) {
      assert.throws(() => parseImport(text, KNOWN, NOW), notExport, text);
    }
  });

  test("a file from a newer version is refused with a hint", () => {
    assert.throws(() => parseImport(file({ calculus: EARLY }, { version: VERSION + 1 }), KNOWN, NOW), {
      message: "That file was made by a newer version of ML Roadmap: reload the page and try again.",
    });
  });

  test("ids the roadmap does not have are left out, however they look", () => {
    const ids = [
      "calculus",
      "retired-topic",
      "<img src=x onerror=alert(1)>",
      "Calculus",
      "",
      "calculus ",
      "constructor",
    ];
    const done = Object.fromEntries(ids.map((id) => [id, EARLY]));
    assert.deepEqual(parseImport(file(done), KNOWN, NOW), { calculus: EARLY });
  });

  test("a __proto__ key is an unknown id like any other, and changes no prototype", () => {
    const text = `{"format": "${FORMAT}", "version": 1, "done": {"__proto__": {"polluted": "yes"}, "k-means": "${EARLY}"}}`;
    const parsed = parseImport(text, KNOWN, NOW);
    assert.deepEqual(Object.keys(parsed), ["k-means"]);
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
    assert.equal({}.polluted, undefined);
  });

  test("a done list of the wrong shape gives no topics, not an error", () => {
    assert.deepEqual(parseImport(file(["calculus", "k-means"]), KNOWN, NOW), {});
    assert.deepEqual(parseImport(file(null), KNOWN, NOW), {});
  });

  test("a date that is not a string becomes the import time; a string is kept as text, never read as markup", () => {
    const markup = "<script>alert(1)</script>";
    const parsed = parseImport(file({ calculus: 5, "k-means": { at: EARLY }, "linear-algebra": markup }), KNOWN, NOW);
    assert.deepEqual(parsed, { calculus: NOW, "k-means": NOW, "linear-algebra": markup });
  });
});

describe("merging an import (mergeDone)", () => {
  test("adds new topics, keeps the earlier date of a topic done in both, and counts both", () => {
    const state = { version: VERSION, done: { calculus: LATE, "k-means": EARLY } };
    const result = mergeDone(state, { calculus: EARLY, "k-means": LATE, "linear-algebra": NOW });
    assert.deepEqual(result.state, {
      version: VERSION,
      done: { calculus: EARLY, "k-means": EARLY, "linear-algebra": NOW },
    });
    assert.equal(result.added, 1);
    assert.equal(result.total, 3);
  });

  test("importing nothing changes nothing, and never changes the state it is given", () => {
    const state = { version: VERSION, done: { calculus: LATE } };
    const result = mergeDone(state, {});
    assert.deepEqual(result, { state, added: 0, total: 0 });
    mergeDone(state, { calculus: EARLY, "k-means": EARLY });
    assert.deepEqual(state, { version: VERSION, done: { calculus: LATE } });
  });
});

test("cleanDone keeps only what `accept` allows", () => {
  assert.deepEqual(
    cleanDone({ a: EARLY, b: EARLY }, (id) => id === "a", NOW),
    { a: EARLY }
  );
});
