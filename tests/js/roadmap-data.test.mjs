import assert from "node:assert/strict";
import { test } from "node:test";

import { fromJson, topicIds } from "../../docs/assets/javascripts/roadmap-data.js";
import { ROOT, roadmap, roadmapJson } from "./fixtures.mjs";

test("fromJson keeps phases and topics in order, with absolute URLs and the roadmap's pace", () => {
  const data = roadmap();
  assert.deepEqual(
    data.phases.map((phase) => [phase.id, phase.number, phase.url]),
    [
      ["one", 1, `${ROOT}one/`],
      ["two", 2, `${ROOT}two/`],
    ]
  );
  assert.deepEqual(
    data.topics.map((topic) => topic.id),
    ["a", "b", "c", "d"]
  );
  assert.deepEqual(data.topics[1], {
    id: "b",
    title: "Topic b",
    url: `${ROOT}phase/b/`,
    hours: 12,
    level: "beginner",
    phase: "one",
    prerequisites: ["c"],
  });
  assert.equal(data.hoursPerWeek, 10);
});

test("fromJson copies prerequisites, so changing the roadmap never changes the JSON", () => {
  const json = roadmapJson();
  fromJson(json, ROOT).topics[1].prerequisites.push("x");
  assert.deepEqual(json.phases[0].topics[1].prerequisites, ["c"]);
});

test("topicIds gives every topic's id", () => {
  assert.deepEqual([...topicIds(roadmap())].sort(), ["a", "b", "c", "d"]);
});
