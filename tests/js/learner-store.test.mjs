// The store of notes and quiz answers (learner-store.js) against a fake browser storage, with
// the export file's extra fields, a hostile import and the rename that migrations call.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { FakeStorage } from "./fake-storage.mjs";

import { hostileExport } from "./hostile.mjs";

const storage = new FakeStorage();
globalThis.window = { localStorage: storage, addEventListener: () => {} };
const store = await import("../../docs/assets/javascripts/learner-store.js");
const model = await import("../../docs/assets/javascripts/progress-model.js");

const KNOWN = new Set(["k-means", "linear-algebra"]);
const plain = (value) => JSON.parse(JSON.stringify(value));

beforeEach(() => {
  storage.items.clear();
  storage.refuse = false;
});

test("notes and answers are saved under their own keys, as versioned records keyed by topic id", () => {
  store.saveNote("k-means", { text: "Scale first", links: [{ title: "SK", url: "https://scikit-learn.org" }] });
  store.recordAnswer("k-means", "q1", false);
  const notes = JSON.parse(storage.items.get(store.NOTES_KEY));
  assert.equal(notes.version, 1);
  assert.deepEqual(notes.topics["k-means"].links, [{ title: "SK", url: "https://scikit-learn.org/" }]);
  const quiz = JSON.parse(storage.items.get(store.QUIZ_KEY));
  assert.deepEqual(Object.keys(quiz.topics["k-means"]), ["q1"]);
  assert.equal(store.noteOf("k-means").text, "Scale first");
  assert.equal(store.noteOf("calculus").text, "");
  assert.equal(store.cardsOf("k-means").q1.box, 1);
});

test("a browser that refuses storage keeps them for the visit", () => {
  storage.refuse = true;
  store.saveNote("k-means", { text: "In memory", links: [] });
  assert.equal(store.noteOf("k-means").text, "In memory");
});

test("the export file carries notes and answers, and an import brings them back", () => {
  store.saveNote("k-means", { text: "Mine", links: [] });
  store.recordAnswer("k-means", "q1", true);
  const text = model.exportText(
    { version: 1, done: { "k-means": "2026-01-01" } },
    "https://x/",
    "2026-03-02",
    store.exportFields()
  );
  const data = JSON.parse(text);
  assert.equal(data.format, model.FORMAT);
  assert.equal(data.notes["k-means"].text, "Mine");
  assert.equal(data.quiz["k-means"].q1.box, 1);
  storage.items.clear();
  assert.deepEqual(store.importFields(data, KNOWN), { notes: 1, answers: 1 });
  assert.equal(store.noteOf("k-means").text, "Mine");
  assert.equal(store.cardsOf("k-means").q1.right, true);
});

test("an export file from before notes existed imports its done topics and changes nothing else", () => {
  store.saveNote("k-means", { text: "Kept", links: [] });
  const old = JSON.parse(
    model.exportText({ version: 1, done: { "k-means": "2026-01-01" } }, "https://x/", "2026-03-02")
  );
  assert.equal("notes" in old, false);
  assert.deepEqual(store.importFields(old, KNOWN), { notes: 0, answers: 0 });
  assert.equal(store.noteOf("k-means").text, "Kept");
});

test("a hostile import keeps text as text, drops unsafe links and unknown or polluting ids", () => {
  const text = hostileExport();
  assert.deepEqual(Object.keys(model.parseImport(text, KNOWN, "2026-03-02")), ["k-means"]);
  const result = store.importFields(JSON.parse(text), KNOWN);
  assert.deepEqual(result, { notes: 1, answers: 1 });
  assert.deepEqual(Object.keys(store.allNotes()), ["k-means"]);
  const note = store.noteOf("k-means");
  assert.ok(note.text.startsWith("<script>"));
  assert.ok(note.links.every((link) => link.url.startsWith("https://")));
  assert.equal(note.links.length, 2);
  assert.ok(storage.items.get(store.NOTES_KEY).length < 30000); // the 5 MB strings were cut
  assert.equal({}.polluted, undefined);
  assert.equal(globalThis.__pwned, undefined);
});

test("renameStoredTopicIds moves saved notes and answers to a topic's new id", () => {
  store.saveNote("old-id", { text: "Moved", links: [] });
  store.recordAnswer("old-id", "q1", true);
  store.renameStoredTopicIds({ "old-id": "new-id" });
  assert.deepEqual(Object.keys(store.allNotes()), ["new-id"]);
  assert.deepEqual(Object.keys(store.allCards()), ["new-id"]);
  assert.deepEqual(plain(store.renameTopicIds({ notes: { version: 1, topics: { a: 1 } } }, { a: "b" })).notes.topics, {
    b: 1,
  });
});

test("listeners hear every change", () => {
  const heard = [];
  store.onLearnerChange((key) => heard.push(key));
  store.saveNote("k-means", { text: "x", links: [] });
  store.recordAnswer("k-means", "q1", true);
  assert.deepEqual(heard, [store.NOTES_KEY, store.QUIZ_KEY]);
});
