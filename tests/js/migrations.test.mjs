// Progress that survives renamed, merged and split topics: the pure migrations (migrations.js),
// the stores they are applied to on a visit (moved-topics.js), and importing an old export file.
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { currentId, idMapping, migratedText, migrateProgress } from "../../docs/assets/javascripts/migrations.js";
import { FORMAT, VERSION } from "../../docs/assets/javascripts/progress-model.js";
import { fromJson } from "../../docs/assets/javascripts/roadmap-data.js";
import { FakeStorage } from "./fake-storage.mjs";
import { ROOT, roadmapJson } from "./fixtures.mjs";

const KEY = "ml-roadmap.progress";
const EARLY = "2026-01-05T10:00:00.000Z";
const LATE = "2026-02-10T10:00:00.000Z";

/** roadmap.json's data where "b" was renamed from "bee" and "c" merged "sea" and "see" into it. */
function movedJson() {
  const data = roadmapJson();
  for (const phase of data.phases) {
    for (const topic of phase.topics) {
      topic.moved_from = { b: ["bee"], c: ["sea", "see"] }[topic.id] || [];
    }
  }
  return data;
}

describe("where old ids went (idMapping)", () => {
  test("maps each old id to the topic that claims it", () => {
    assert.deepEqual(idMapping(movedJson()), { bee: "b", sea: "c", see: "c" });
  });

  test("roadmap.json's data as the browser loads it carries the mapping", () => {
    assert.deepEqual(fromJson(movedJson(), ROOT).moves, { bee: "b", sea: "c", see: "c" });
  });

  test("a roadmap without moved_from (older roadmap.json, or none) moves nothing", () => {
    assert.deepEqual(idMapping(roadmapJson()), {});
    for (const data of [null, undefined, {}, { phases: [] }, { phases: [{ id: "x" }] }]) {
      assert.deepEqual(idMapping(data), {}, JSON.stringify(data));
    }
  });

  test("an old id that is a current topic stays where it is; what is not a string is ignored", () => {
    const data = movedJson();
    data.phases[0].topics[0].moved_from = ["c", 7, null];
    assert.deepEqual(idMapping(data), { bee: "b", sea: "c", see: "c" });
  });

  test("an id that is not an old one is its own current id, whatever it is called", () => {
    const mapping = idMapping(movedJson());
    assert.equal(currentId("bee", mapping), "b");
    assert.equal(currentId("a", mapping), "a");
    assert.equal(currentId("constructor", mapping), "constructor");
    assert.equal(currentId("__proto__", mapping), "__proto__");
  });
});

describe("done-marks (migrateProgress)", () => {
  const mapping = { bee: "b", sea: "c", see: "c" };

  test("an old id's mark moves to its topic, with its date", () => {
    const state = { version: VERSION, done: { a: EARLY, bee: LATE } };
    assert.deepEqual(migrateProgress(state, mapping), { version: VERSION, done: { a: EARLY, b: LATE } });
  });

  test("merged topics keep the earlier date, whichever name had it", () => {
    assert.deepEqual(migrateProgress({ version: 1, done: { sea: LATE, see: EARLY } }, mapping).done, { c: EARLY });
    assert.deepEqual(migrateProgress({ version: 1, done: { c: LATE, sea: EARLY } }, mapping).done, { c: EARLY });
    assert.deepEqual(migrateProgress({ version: 1, done: { c: EARLY, see: LATE } }, mapping).done, { c: EARLY });
  });

  test("never changes the state it is given, and keeps its other fields", () => {
    const state = { version: 1, done: { bee: EARLY }, extra: "kept" };
    const migrated = migrateProgress(state, mapping);
    assert.deepEqual(state, { version: 1, done: { bee: EARLY }, extra: "kept" });
    assert.equal(migrated.extra, "kept");
  });

  test("a state without a done list is returned as it is", () => {
    for (const state of [null, 3, "x", [], { version: 1 }, { done: ["bee"] }]) {
      assert.deepEqual(migrateProgress(state, mapping), state);
    }
  });

  test("a __proto__ id is kept like any other id and changes no prototype", () => {
    const state = JSON.parse(`{"version": 1, "done": {"__proto__": "${EARLY}", "bee": "${LATE}"}}`);
    const migrated = migrateProgress(state, { bee: "b" });
    assert.deepEqual(Object.keys(migrated.done).sort(), ["__proto__", "b"]);
    assert.equal({}.polluted, undefined);
    assert.equal(Object.getPrototypeOf(migrated.done), Object.prototype);
  });
});

describe("saved text (migratedText)", () => {
  const mapping = { bee: "b" };

  test("gives the text to save when an id moved, else null", () => {
    const text = JSON.stringify({ version: 1, done: { bee: EARLY } });
    assert.deepEqual(JSON.parse(migratedText(text, migrateProgress, mapping)), { version: 1, done: { b: EARLY } });
    assert.equal(migratedText(JSON.stringify({ version: 1, done: { a: EARLY } }), migrateProgress, mapping), null);
  });

  test("nothing saved, unreadable text or an empty mapping change nothing and call nothing", () => {
    const never = () => assert.fail("rename must not be called");
    for (const text of [null, "", "{", "not json"]) {
      assert.equal(migratedText(text, never, mapping), null, String(text));
    }
    assert.equal(migratedText('{"done": {"bee": "x"}}', never, {}), null);
  });

  test("any store's rename function plugs in (notes and quizzes keyed by topic id)", () => {
    const renameKeys = (state, moves) =>
      Object.fromEntries(Object.entries(state).map(([id, value]) => [currentId(id, moves), value]));
    assert.equal(migratedText('{"bee": {"note": "mine"}}', renameKeys, mapping), '{"b":{"note":"mine"}}');
  });
});

// ----------------------------------------------------------------------------------------------
// The stores on a visit, and importing an old file: against a fake browser storage.
// ----------------------------------------------------------------------------------------------

const storage = new FakeStorage();
globalThis.window = { localStorage: storage, addEventListener: () => {} };
const progress = await import("../../docs/assets/javascripts/progress.js");
const stores = await import("../../docs/assets/javascripts/moved-topics.js");

describe("on a visit (moved-topics.js)", () => {
  beforeEach(() => storage.items.clear());

  test("nothing saved: nothing to migrate, nothing fetched", () => {
    assert.equal(stores.anythingSaved(), false);
  });

  test("saved progress under an old id moves to the renamed topic, once", () => {
    storage.setItem(KEY, JSON.stringify({ version: 1, done: { bee: EARLY, a: LATE } }));
    assert.equal(stores.anythingSaved(), true);
    const mapping = idMapping(movedJson());
    assert.equal(stores.migrateSaved(mapping), true);
    assert.ok(progress.isDone("b"));
    assert.ok(!progress.isDone("bee"));
    assert.deepEqual(progress.doneTopics(), { b: EARLY, a: LATE });
    assert.equal(stores.migrateSaved(mapping), false); // already done: nothing written again
  });

  test("progress the site saved is migrated as saved (key and format)", () => {
    progress.setDone("bee", true);
    stores.migrateSaved({ bee: "b" });
    assert.deepEqual(Object.keys(JSON.parse(storage.getItem(KEY)).done), ["b"]);
  });
});

describe("importing an old export file (progress.importProgress)", () => {
  beforeEach(() => storage.items.clear());

  const known = new Set(["a", "b", "c", "d"]);
  const file = (done) => JSON.stringify({ format: FORMAT, version: VERSION, exported: LATE, site: ROOT, done });

  test("old ids count as their topics', unknown ones are still left out", () => {
    const result = progress.importProgress(file({ bee: EARLY, sea: LATE, see: EARLY, gone: EARLY }), known, {
      bee: "b",
      sea: "c",
      see: "c",
    });
    assert.deepEqual(result, { added: 2, total: 2 });
    assert.deepEqual(progress.doneTopics(), { b: EARLY, c: EARLY });
  });

  test("without a mapping, an old id is an unknown one, as before", () => {
    assert.deepEqual(progress.importProgress(file({ bee: EARLY, a: EARLY }), known), { added: 1, total: 1 });
    assert.deepEqual(Object.keys(progress.doneTopics()), ["a"]);
  });
});
