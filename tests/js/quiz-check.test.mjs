// Checking answers and wording the result (quiz-check.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  feedbackText,
  grade,
  parseNumber,
  SUGGEST_DONE_AT,
  scoreText,
} from "../../docs/assets/javascripts/quiz-check.js";

test("numbers as learners type them", () => {
  assert.equal(parseNumber("4"), 4);
  assert.equal(parseNumber(" 2,5 "), 2.5);
  assert.equal(parseNumber("-0.75"), -0.75);
  assert.equal(parseNumber("1e-3"), 0.001);
  assert.equal(parseNumber(".5"), 0.5);
  for (const bad of ["", "  ", "abc", "4 apples", "1,000,000", "0x10", "Infinity", null, undefined]) {
    assert.equal(parseNumber(bad), null, String(bad));
  }
});

test("a single or multiple choice is right only with exactly the right options", () => {
  const single = { type: "single", correct: [1] };
  assert.equal(grade(single, [1]), true);
  assert.equal(grade(single, [0]), false);
  assert.equal(grade(single, []), null);
  const multiple = { type: "multiple", correct: [0, 3] };
  assert.equal(grade(multiple, [3, 0]), true);
  assert.equal(grade(multiple, [0]), false);
  assert.equal(grade(multiple, [0, 3, 2]), false);
});

test("a number is right within its tolerance, floating-point error forgiven", () => {
  const question = { type: "numeric", answer: 0.05, tolerance: 0.001 };
  assert.equal(grade(question, "0.05"), true);
  assert.equal(grade(question, "0.051"), true);
  assert.equal(grade(question, "0.0515"), false);
  assert.equal(grade(question, "abc"), null);
  const exact = { type: "numeric", answer: 0.3, tolerance: 0 };
  assert.equal(grade(exact, String(0.1 + 0.2)), true);
  assert.equal(grade(exact, "0.31"), false);
});

test("feedback and score lines; the suggestion to mark done from 80%", () => {
  assert.equal(feedbackText(true, "single"), "Correct.");
  assert.match(feedbackText(false, "single"), /^Not quite/);
  assert.equal(feedbackText(null, "numeric"), "Type a number first.");
  assert.equal(feedbackText(null, "multiple"), "Choose an answer first.");
  assert.equal(SUGGEST_DONE_AT, 0.8);
  assert.deepEqual(scoreText(4, 5), { text: "Your score: 4 of 5 right (80%).", suggestDone: true });
  assert.deepEqual(scoreText(4, 6), { text: "Your score: 4 of 6 right (67%).", suggestDone: false });
  assert.equal(scoreText(0, 0).suggestDone, false);
});
