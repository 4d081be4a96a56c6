import assert from "node:assert/strict";
import { test } from "node:test";

import { count, headline, percent, tally } from "../../docs/assets/javascripts/summaries.js";
import { roadmap } from "./fixtures.mjs";

const DATE = "2026-01-05T10:00:00.000Z";

test("percent rounds, and is 0 of nothing", () => {
  assert.equal(percent(1, 3), 33);
  assert.equal(percent(2, 3), 67);
  assert.equal(percent(0, 0), 0);
});

test("count adds topics and hours done", () => {
  const { topics } = roadmap();
  assert.deepEqual(count(topics, { a: DATE, d: DATE }), { done: 2, total: 4, hoursDone: 9, hours: 25 });
});

test("with nothing done, the ready topics are those with no prerequisite, and next is the first", () => {
  const counts = tally(roadmap(), {});
  const ready = roadmap().topics.filter(counts.ready);
  assert.deepEqual(
    ready.map((topic) => topic.id),
    ["a", "d"]
  );
  assert.equal(counts.next.id, "a");
  assert.deepEqual(counts.overall, { done: 0, total: 4, hoursDone: 0, hours: 25 });
});

test("a topic is ready once its prerequisites are done, and a done topic is never ready", () => {
  const data = roadmap();
  const counts = tally(data, { a: DATE });
  const ready = data.topics.filter(counts.ready).map((topic) => topic.id);
  assert.deepEqual(ready, ["c", "d"]);
  assert.equal(counts.next.id, "c");
  assert.deepEqual(
    counts.phases.map((entry) => [entry.phase.id, entry.count.done, entry.count.total]),
    [
      ["one", 1, 2],
      ["two", 0, 2],
    ]
  );
});

test("a prerequisite the roadmap does not know never blocks a topic", () => {
  const data = roadmap();
  data.topics[3].prerequisites = ["not-in-the-roadmap"];
  assert.ok(tally(data, {}).ready(data.topics[3]));
});

test("stored ids of topics the roadmap does not have are not counted", () => {
  const counts = tally(roadmap(), { a: DATE, "old-topic": DATE });
  assert.equal(counts.overall.done, 1);
});

test("when every topic is done there is no next topic", () => {
  const counts = tally(roadmap(), { a: DATE, b: DATE, c: DATE, d: DATE });
  assert.equal(counts.next, null);
  assert.equal(counts.overall.done, counts.overall.total);
});

test("headline: none done, then topics, hours and the share of hours", () => {
  assert.equal(headline({ done: 0, total: 4, hoursDone: 0, hours: 25 }), "No topic marked as done yet.");
  assert.equal(headline({ done: 2, total: 4, hoursDone: 9, hours: 25 }), "2 of 4 topics done, 9 of 25 hours (36%).");
});
