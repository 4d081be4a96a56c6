// Spaced review with Leitner boxes, as pure functions of the learner's answers and a clock.
//
// Every question the learner has answered is a card in one of five boxes. A right answer moves
// the card up one box, a wrong one sends it back to box 1. A card is due again this many days
// after its last answer, by box: 1, 2, 4, 8 and 16. A missed card is due again at once: it stays
// in today's queue until it is answered right. Dates are ISO strings; `now` is always passed in.

export const INTERVAL_DAYS = [1, 2, 4, 8, 16];
export const BOXES = INTERVAL_DAYS.length;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The card after an answer at `now`: its box, when it is due, when it was last seen and how. */
export function answerCard(card, correct, now) {
  const box = correct ? Math.min(BOXES, (card?.box || 0) + 1) : 1;
  const due = correct ? new Date(Date.parse(now) + INTERVAL_DAYS[box - 1] * DAY_MS).toISOString() : now;
  return { box, due, seen: now, right: Boolean(correct), answers: (card?.answers || 0) + 1 };
}

/** Whether a card is due at `now` (a card never answered is not: it is new). */
export function isDue(card, now) {
  return Boolean(card) && Date.parse(card.due) <= Date.parse(now);
}

/**
 * Today's review queue: the due questions of every topic, then the new questions of the topics the
 * learner has `started` (a Set of ids), at most `limit` in all. Missed questions come first, then
 * the longest overdue; new ones keep their quiz's order.
 * `topics` is quizzes.json's list; `cards` maps topic id to {question id: card}.
 */
export function buildQueue(topics, cards, started, now, limit = 20) {
  const due = [];
  const fresh = [];
  for (const topic of topics) {
    const own = cards[topic.id] || {};
    for (const question of topic.questions) {
      const card = Object.hasOwn(own, question.id) ? own[question.id] : null;
      if (isDue(card, now)) {
        due.push({ topic, question, card });
      } else if (!card && started.has(topic.id)) {
        fresh.push({ topic, question, card: null });
      }
    }
  }
  due.sort((a, b) => Number(a.card.right) - Number(b.card.right) || Date.parse(a.card.due) - Date.parse(b.card.due));
  return [...due, ...fresh].slice(0, limit);
}

/** How many of `questions` (a list of ids) were answered right the last time, out of all of them. */
export function score(questions, own) {
  const right = questions.filter((id) => Object.hasOwn(own || {}, id) && own[id].right).length;
  return { right, total: questions.length };
}
