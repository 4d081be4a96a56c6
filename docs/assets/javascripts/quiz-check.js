// Checking a quiz answer and wording the result, with no DOM: shared by a topic page's quiz
// (quiz.js) and the Review page (review.js). A question is {type, correct, answer, tolerance}
// as quizzes.json and the quiz's data attributes (hooks/mlroadmap/quizrender.py) carry it.

/** The share of right answers from which a topic's page suggests marking it done. */
export const SUGGEST_DONE_AT = 0.8;

/** A number the learner typed ("2,5", " 1e-3 "), or null when it is not one. */
export function parseNumber(text) {
  const cleaned = String(text ?? "")
    .trim()
    .replace(/\s+/g, "")
    .replace(/,(?=\d+$)/, ".");
  if (!cleaned || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) {
    return null;
  }
  return Number(cleaned);
}

/**
 * Whether `response` answers `question`: for a choice question the chosen option indexes (from
 * 0), for a numeric one the text typed. Null when there is nothing to check yet.
 */
export function grade(question, response) {
  if (question.type === "numeric") {
    const value = parseNumber(response);
    if (value === null) {
      return null;
    }
    return Math.abs(value - question.answer) <= question.tolerance + 1e-9 * Math.max(1, Math.abs(question.answer));
  }
  if (!Array.isArray(response) || response.length === 0) {
    return null;
  }
  const chosen = [...new Set(response)].sort((a, b) => a - b);
  const right = [...question.correct].sort((a, b) => a - b);
  return chosen.length === right.length && chosen.every((value, index) => value === right[index]);
}

/** What to tell the learner after a check: right, wrong, or nothing to check. */
export function feedbackText(result, type) {
  if (result === null) {
    return type === "numeric" ? "Type a number first." : "Choose an answer first.";
  }
  return result ? "Correct." : "Not quite. Try again, or open the answer to see why.";
}

/** The score line, and whether it reaches the share that suggests marking the topic done. */
export function scoreText(right, total) {
  const share = total ? right / total : 0;
  return {
    text: `Your score: ${right} of ${total} right (${Math.round(100 * share)}%).`,
    suggestDone: total > 0 && share >= SUGGEST_DONE_AT,
  };
}
