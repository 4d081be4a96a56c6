// Topic pages: the self-check quiz (hooks/mlroadmap/quizrender.py writes it; without JavaScript
// it reads as questions with their answers in collapsed details). Here each question gets a
// Check button with immediate feedback, every answer updates the topic's Leitner cards
// (learner-store.js), and the score is kept by topic id. From 80% right, the quiz suggests
// marking the topic done, with the same progress as the "Mark as done" control.
import { el } from "./dom.js";
import { cardsOf, recordAnswer } from "./learner-store.js";
import { score } from "./leitner.js";
import { isDone, setDone } from "./progress.js";
import { feedbackText, grade, scoreText } from "./quiz-check.js";

const INTRO = "Check each answer as you go: your score is kept in this browser only.";

/** A question as its data attributes describe it: {id, type, correct, answer, tolerance}. */
export function questionOf(item) {
  const numbers = (name) => (item.getAttribute(name) || "").split(" ").filter(Boolean).map(Number);
  return {
    id: item.getAttribute("data-rm-q"),
    type: item.getAttribute("data-rm-type"),
    correct: numbers("data-rm-correct"),
    answer: Number(item.getAttribute("data-rm-answer")),
    tolerance: Number(item.getAttribute("data-rm-tolerance")),
  };
}

/** What the learner has chosen or typed in question `item`. */
function responseOf(item, question) {
  const inputs = Array.from(item.querySelectorAll(".rm-quiz__input"));
  if (question.type === "numeric") {
    return inputs[0]?.value ?? "";
  }
  return inputs.filter((input) => input.checked).map((input) => Number(input.value));
}

/**
 * Give question `item` a Check button and a feedback line; `onResult(correct)` is called for
 * every answer checked (right or wrong). The details with the answer open once it is right.
 */
export function bindQuestion(item, question, onResult) {
  const feedback = el("span", { class: "rm-quiz__feedback", role: "status" });
  const check = el("button", { type: "button", class: "md-button rm-quiz__check", text: "Check" });
  check.addEventListener("click", () => {
    const result = grade(question, responseOf(item, question));
    feedback.textContent = feedbackText(result, question.type);
    item.classList.toggle("is-right", result === true);
    item.classList.toggle("is-wrong", result === false);
    if (result !== null) {
      const answer = item.querySelector(".rm-quiz__answer");
      if (answer && result) {
        answer.open = true;
      }
      onResult(result);
    }
  });
  const actions = el("p", { class: "rm-quiz__actions" }, [check, " ", feedback]);
  item.querySelector("fieldset").after(actions);
}

/** Make every quiz of `container` interactive; false when there is none. */
export function bindQuizzes(container) {
  const quizzes = container.querySelectorAll(".rm-quiz[data-rm-quiz]");
  for (const quiz of quizzes) {
    const topic = quiz.getAttribute("data-rm-quiz");
    for (const item of quiz.querySelectorAll(".rm-quiz__q")) {
      bindQuestion(item, questionOf(item), (correct) => {
        recordAnswer(topic, item.getAttribute("data-rm-q"), correct);
      });
    }
    const mark = el("button", { type: "button", class: "md-button md-button--primary", text: "Mark as done" });
    mark.addEventListener("click", () => setDone(topic, true));
    quiz.append(
      el("div", { class: "rm-quiz__result" }, [
        el("p", { class: "rm-quiz__score", "aria-live": "polite", text: INTRO }),
        el("p", { class: "rm-quiz__suggest", hidden: true }, ["80% or more right: ready to move on? ", mark]),
      ])
    );
  }
  return quizzes.length > 0;
}

/** Show each quiz's saved score, and the suggestion to mark its topic done when it is earned. */
export function paintQuizzes(container) {
  for (const quiz of container.querySelectorAll(".rm-quiz[data-rm-quiz]")) {
    const topic = quiz.getAttribute("data-rm-quiz");
    const ids = Array.from(quiz.querySelectorAll(".rm-quiz__q"), (item) => item.getAttribute("data-rm-q"));
    const cards = cardsOf(topic);
    const answered = ids.some((id) => Object.hasOwn(cards, id));
    const result = score(ids, cards);
    const line = scoreText(result.right, result.total);
    quiz.querySelector(".rm-quiz__score").textContent = answered ? line.text : INTRO;
    quiz.querySelector(".rm-quiz__suggest").hidden = !(line.suggestDone && !isDone(topic));
  }
}
