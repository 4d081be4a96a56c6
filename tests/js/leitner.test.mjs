// Leitner scheduling and today's queue (leitner.js), with a fake clock: every date is given.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { answerCard, BOXES, buildQueue, INTERVAL_DAYS, isDue, score } from "../../docs/assets/javascripts/leitner.js";

const DAY = 24 * 60 * 60 * 1000;
const START = "2026-03-02T09:00:00.000Z";
const later = (days) => new Date(Date.parse(START) + days * DAY).toISOString();

describe("a card moves through the boxes", () => {
  test("the published intervals: 1, 2, 4, 8 and 16 days, one per box", () => {
    assert.deepEqual(INTERVAL_DAYS, [1, 2, 4, 8, 16]);
    assert.equal(BOXES, 5);
  });

  test("a first right answer puts a new question in box 1, due a day later", () => {
    const card = answerCard(undefined, true, START);
    assert.deepEqual(card, { box: 1, due: later(1), seen: START, right: true, answers: 1 });
  });

  test("each right answer moves it up a box, up to the last, and waits that box's interval", () => {
    let card = null;
    let clock = START;
    for (const [index, days] of [...INTERVAL_DAYS, 16, 16].entries()) {
      card = answerCard(card, true, clock);
      assert.equal(card.box, Math.min(index + 1, BOXES));
      assert.equal(card.due, new Date(Date.parse(clock) + days * DAY).toISOString());
      assert.equal(isDue(card, clock), false);
      clock = card.due;
      assert.equal(isDue(card, clock), true);
    }
    assert.equal(card.answers, INTERVAL_DAYS.length + 2);
  });

  test("a missed answer sends it back to box 1, due at once", () => {
    const high = { box: 4, due: later(8), seen: START, right: true, answers: 4 };
    const missed = answerCard(high, false, later(8));
    assert.deepEqual(missed, { box: 1, due: later(8), seen: later(8), right: false, answers: 5 });
    assert.equal(isDue(missed, later(8)), true);
  });

  test("a question never answered is not due: it is new", () => {
    assert.equal(isDue(null, START), false);
    assert.equal(isDue(undefined, START), false);
  });
});

function quizzes() {
  const topic = (id, count) => ({
    id,
    title: `Topic ${id}`,
    url: `x/${id}/`,
    questions: Array.from({ length: count }, (_, n) => ({ id: `${id}-q${n + 1}`, type: "single" })),
  });
  return [topic("a", 3), topic("b", 2), topic("c", 2)];
}

describe("today's queue", () => {
  test("missed and due questions of any topic, then new questions of started topics only", () => {
    const cards = {
      a: {
        "a-q1": answerCard(null, false, START), // missed: due now
        "a-q2": answerCard(null, true, START), // right: due tomorrow
      },
      b: { "b-q1": answerCard(answerCard(null, true, later(-10)), true, later(-9)) }, // box 2, due on day -7
    };
    const queue = buildQueue(quizzes(), cards, new Set(["a"]), later(0.5));
    const ids = queue.map((entry) => entry.question.id);
    assert.deepEqual(ids, ["a-q1", "b-q1", "a-q3"]); // missed first, then overdue, then new
    assert.equal(ids.includes("a-q2"), false); // mastered for now
    assert.equal(ids.includes("b-q2"), false); // b is not started
    assert.equal(queue[0].topic.id, "a");
    // The next day the right answer is due too.
    assert.deepEqual(
      buildQueue(quizzes(), cards, new Set(["a"]), later(1.5)).map((entry) => entry.question.id),
      ["a-q1", "b-q1", "a-q2", "a-q3"]
    );
  });

  test("the queue is cut at its limit, and empty without answers or started topics", () => {
    assert.deepEqual(buildQueue(quizzes(), {}, new Set(), START), []);
    assert.equal(buildQueue(quizzes(), {}, new Set(["a", "b", "c"]), START).length, 7);
    assert.equal(buildQueue(quizzes(), {}, new Set(["a", "b", "c"]), START, 4).length, 4);
  });

  test("cards of questions no quiz has any more are ignored", () => {
    const cards = { a: { gone: answerCard(null, false, START) }, zzz: { q: answerCard(null, false, START) } };
    assert.deepEqual(buildQueue(quizzes(), cards, new Set(), START), []);
  });
});

test("the score counts the questions whose last answer was right", () => {
  const own = {
    q1: answerCard(null, true, START),
    q2: answerCard(null, false, START),
    gone: answerCard(null, true, START),
  };
  assert.deepEqual(score(["q1", "q2", "q3"], own), { right: 1, total: 3 });
  assert.deepEqual(score([], own), { right: 0, total: 0 });
  assert.deepEqual(score(["q1"], undefined), { right: 0, total: 1 });
});
