import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { makePlan, nextMonday, plannerSettings, status, studyOrder } from "../../docs/assets/javascripts/plan.js";
import { roadmap } from "./fixtures.mjs";

const topic = (id, hours, prerequisites = []) => ({ id, hours, prerequisites });
const ids = (topics) => topics.map((t) => t.id);
const MONDAY = new Date("2027-01-04T00:00:00Z");

describe("study order", () => {
  test("keeps the roadmap's order when it already puts prerequisites first", () => {
    const topics = [topic("a", 1), topic("b", 1, ["a"]), topic("c", 1, ["a", "b"])];
    assert.deepEqual(ids(studyOrder(topics)), ["a", "b", "c"]);
  });

  test("moves a topic after a prerequisite that comes later, and no further", () => {
    assert.deepEqual(ids(studyOrder(roadmap().topics)), ["a", "c", "b", "d"]);
  });

  test("a chain listed backwards comes out forwards", () => {
    const topics = [topic("c", 1, ["b"]), topic("b", 1, ["a"]), topic("a", 1)];
    assert.deepEqual(ids(studyOrder(topics)), ["a", "b", "c"]);
  });

  test("prerequisites outside the list (done and left out) do not hold a topic back", () => {
    const topics = [topic("b", 1, ["done-already"]), topic("c", 1)];
    assert.deepEqual(ids(studyOrder(topics)), ["b", "c"]);
  });

  test("a cycle (which the build rejects) still ends, with every topic once", () => {
    const topics = [topic("a", 1, ["b"]), topic("b", 1, ["a"]), topic("c", 1)];
    assert.deepEqual(ids(studyOrder(topics)).sort(), ["a", "b", "c"]);
  });

  test("never changes the list it is given", () => {
    const topics = [topic("b", 1, ["a"]), topic("a", 1)];
    studyOrder(topics);
    assert.deepEqual(ids(topics), ["b", "a"]);
  });
});

describe("the plan", () => {
  test("fills weeks in study order, carrying a long topic into the next weeks", () => {
    const plan = makePlan(roadmap().topics, 10, MONDAY);
    const weeks = plan.weeks.map((week) => week.items.map((item) => [item.topic.id, item.hours]));
    assert.deepEqual(weeks, [
      [
        ["a", 6],
        ["c", 4],
      ],
      [["b", 10]],
      [
        ["b", 2],
        ["d", 3],
      ],
    ]);
    assert.equal(plan.hours, 25);
  });

  test("weeks are numbered and dated from the start, Monday to Sunday", () => {
    const plan = makePlan(roadmap().topics, 10, MONDAY);
    assert.deepEqual(
      plan.weeks.map((week) => [
        week.number,
        week.start.toISOString().slice(0, 10),
        week.end.toISOString().slice(0, 10),
      ]),
      [
        [1, "2027-01-04", "2027-01-10"],
        [2, "2027-01-11", "2027-01-17"],
        [3, "2027-01-18", "2027-01-24"],
      ]
    );
  });

  test("marks where each topic starts and ends, and spans its first and last week", () => {
    const plan = makePlan(roadmap().topics, 5, MONDAY);
    const b = plan.weeks.flatMap((week) => week.items.filter((item) => item.topic.id === "b"));
    assert.deepEqual(
      b.map((item) => [item.hours, item.starts, item.ends, status(item)]),
      [
        [5, true, false, "start"],
        [5, false, false, "continue"],
        [2, false, true, "finish"],
      ]
    );
    const span = plan.spans.find((s) => s.topic.id === "b");
    assert.deepEqual([span.first.number, span.last.number], [3, 5]);
    assert.deepEqual(
      plan.weeks[1].items.map((item) => [item.topic.id, status(item)]),
      [
        ["a", "finish"],
        ["c", "start and finish"],
      ]
    );
  });

  test("every topic's hours add up across its weeks, and no week holds more than the pace", () => {
    const topics = [topic("x", 7.5), topic("y", 0.3), topic("z", 13)];
    const plan = makePlan(topics, 4, MONDAY);
    for (const t of topics) {
      const total = plan.weeks.flatMap((w) => w.items).filter((i) => i.topic === t);
      assert.ok(Math.abs(total.reduce((sum, i) => sum + i.hours, 0) - t.hours) < 1e-9, t.id);
    }
    for (const week of plan.weeks) {
      assert.ok(week.items.reduce((sum, i) => sum + i.hours, 0) <= 4 + 1e-9, `week ${week.number}`);
    }
    assert.equal(plan.weeks.length, Math.ceil(20.8 / 4));
  });

  test("no topics, no weeks", () => {
    assert.deepEqual(makePlan([], 10, MONDAY), { weeks: [], spans: [], hours: 0 });
  });
});

describe("settings", () => {
  const limits = { min: 1, max: 80, fallback: 10 };

  test("next Monday is today on a Monday, else the coming one", () => {
    assert.equal(nextMonday(new Date(2027, 0, 4, 15)), "2027-01-04"); // a Monday
    assert.equal(nextMonday(new Date(2027, 0, 5, 9)), "2027-01-11");
    assert.equal(nextMonday(new Date(2027, 0, 10, 23)), "2027-01-11"); // a Sunday
    assert.equal(nextMonday(new Date(2026, 11, 29)), "2027-01-04"); // across a year
  });

  test("hours are a whole number within the form's bounds; blank or zero means the roadmap's pace", () => {
    const hours = (value) => plannerSettings({ hours: value, start: "2027-01-04", skipDone: true }, limits, "x").hours;
    assert.equal(hours("12"), 12);
    assert.equal(hours("7.6"), 8);
    assert.equal(hours(""), 10);
    assert.equal(hours("0"), 10);
    assert.equal(hours("abc"), 10);
    assert.equal(hours("0.4"), 1);
    assert.equal(hours("-5"), 1);
    assert.equal(hours("500"), 80);
    const pace = plannerSettings({ hours: "", start: "", skipDone: false }, { ...limits, fallback: 6 }, "x");
    assert.equal(pace.hours, 6);
  });

  test("a start that is not a YYYY-MM-DD date is replaced by the default; skipDone is kept", () => {
    const settings = (start) => plannerSettings({ hours: "10", start, skipDone: false }, limits, "2027-01-04");
    assert.deepEqual(settings("2027-02-01"), { hours: 10, start: "2027-02-01", skipDone: false });
    for (const wrong of ["", "1/2/2027", "2027-2-1", "<b>2027-02-01</b>", "2027-02-01T00:00"]) {
      assert.equal(settings(wrong).start, "2027-01-04", wrong);
    }
  });
});
