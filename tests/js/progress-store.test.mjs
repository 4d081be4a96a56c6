// The store that keeps progress in localStorage (progress.js), against a fake browser storage.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { FakeStorage } from "./fake-storage.mjs";

const KEY = "ml-roadmap.progress";

const storage = new FakeStorage();
const storageListeners = [];
globalThis.window = {
  localStorage: storage,
  addEventListener: (type, listener) => type === "storage" && storageListeners.push(listener),
};
const progress = await import("../../docs/assets/javascripts/progress.js");

beforeEach(() => {
  storage.items.clear();
  storage.refuse = false;
  progress.resetProgress();
});

test("marking done is saved under the same key, in the same format as before", () => {
  progress.setDone("calculus", true);
  const saved = JSON.parse(storage.items.get(KEY));
  assert.deepEqual(Object.keys(saved), ["version", "done"]);
  assert.equal(saved.version, 1);
  assert.match(saved.done.calculus, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(progress.isDone("calculus"));
  progress.setDone("calculus", false);
  assert.ok(!progress.isDone("calculus"));
  assert.deepEqual(JSON.parse(storage.items.get(KEY)), { version: 1, done: {} });
});

test("a broken saved value reads as no progress", () => {
  storage.items.set(KEY, "{broken");
  assert.deepEqual(progress.doneTopics(), {});
  assert.ok(!progress.isDone("toString"));
});

test("when the browser refuses storage, progress lasts in memory and says so", () => {
  storage.refuse = true;
  assert.equal(progress.progressIsKept(), false);
  progress.setDone("k-means", true);
  assert.ok(progress.isDone("k-means"));
  storage.refuse = false;
  assert.equal(progress.progressIsKept(), true);
  assert.equal(storage.items.has(`${KEY}.test`), false);
});

test("importing keeps known ids, merges, and tells how many were new", () => {
  progress.setDone("calculus", true);
  const file = JSON.stringify({
    format: "ml-roadmap-progress",
    version: 1,
    done: { calculus: "2020-01-01T00:00:00.000Z", "k-means": "2020-01-02T00:00:00.000Z", unknown: "x" },
  });
  assert.deepEqual(progress.importProgress(file, new Set(["calculus", "k-means"])), { added: 1, total: 2 });
  assert.deepEqual(progress.doneTopics(), {
    calculus: "2020-01-01T00:00:00.000Z",
    "k-means": "2020-01-02T00:00:00.000Z",
  });
  const exported = JSON.parse(progress.exportProgress());
  assert.equal(exported.format, "ml-roadmap-progress");
  assert.deepEqual(exported.done, progress.doneTopics());
});

test("a refused import changes nothing", () => {
  progress.setDone("calculus", true);
  const before = storage.items.get(KEY);
  assert.throws(() => progress.importProgress('{"hello": "world"}', new Set(["calculus"])));
  assert.equal(storage.items.get(KEY), before);
});

test("listeners hear changes made here and in other tabs (for this key only)", () => {
  let heard = 0;
  progress.onProgressChange(() => {
    heard += 1;
  });
  progress.setDone("calculus", true);
  assert.equal(heard, 1);
  assert.equal(storageListeners.length, 1);
  storageListeners[0]({ key: KEY });
  storageListeners[0]({ key: null });
  storageListeners[0]({ key: "ml-roadmap.planner" });
  assert.equal(heard, 3);
});
