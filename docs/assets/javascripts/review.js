// The Review page ([data-rm-review]): today's queue of questions to answer again, from every
// topic's quiz (quizzes.json, written by hooks/quizzes.py) and the learner's Leitner cards
// (leitner.js). And the count of due questions beside the roadmap page's progress summary.
import { el } from "./dom.js";
import { allCards, recordAnswer } from "./learner-store.js";
import { buildQueue } from "./leitner.js";
import { doneTopics } from "./progress.js";
import { bindQuestion } from "./quiz.js";
import { ROOT } from "./site.js";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
let loading = null;

/** quizzes.json, fetched once per visit; a failed fetch is tried again next time. */
export function loadQuizzes() {
  if (!loading) {
    loading = fetch(`${ROOT}quizzes.json`, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) {
          throw new Error(`quizzes.json: HTTP ${response.status}`);
        }
        return response.json();
      })
      .catch((error) => {
        loading = null;
        throw error;
      });
  }
  return loading;
}

/** The topics the learner has started: marked done, or with a quiz answer. */
export function startedTopics(cards, done) {
  return new Set([...Object.keys(done), ...Object.keys(cards)]);
}

/** Today's queue, from what is saved now (`limit`: at most that many questions). */
export function todaysQueue(data, limit) {
  const cards = allCards();
  return buildQueue(data.topics, cards, startedTopics(cards, doneTopics()), new Date().toISOString(), limit);
}

function inputs(question) {
  const name = `rm-review-${question.id}`;
  if (question.type === "numeric") {
    const input = el("input", {
      class: "rm-quiz__input",
      type: "text",
      inputmode: "decimal",
      autocomplete: "off",
      name,
    });
    return [el("p", { class: "rm-quiz__numeric" }, [el("label", {}, ["Your answer ", input])])];
  }
  const type = question.type === "single" ? "radio" : "checkbox";
  return question.options.map((option, index) => {
    const input = el("input", { class: "rm-quiz__input", type, name, value: String(index) });
    return el("p", { class: "rm-quiz__option" }, [
      el("label", {}, [input, " ", el("b", { class: "rm-quiz__letter", text: `${LETTERS[index]}.` }), ` ${option}`]),
    ]);
  });
}

function reviewItem({ topic, question }) {
  const why = el("details", { class: "rm-quiz__answer" }, [
    el("summary", { text: "Answer" }),
    el("p", { text: question.why }),
  ]);
  const item = el("li", { class: "rm-quiz__q rm-review__item", "data-rm-q": question.id, "data-rm-topic": topic.id }, [
    el("fieldset", { class: "rm-quiz__group" }, [
      el("legend", { class: "rm-quiz__text", text: question.q }),
      ...inputs(question),
    ]),
    why,
    el("p", { class: "rm-review__from" }, ["From ", el("a", { href: ROOT + topic.url, text: topic.title })]),
  ]);
  bindQuestion(item, question, (correct) => recordAnswer(topic.id, question.id, correct));
  return item;
}

/** Fill `box` with today's queue. */
export function renderReview(box, data) {
  const queue = todaysQueue(data, 20);
  const summary = queue.length
    ? `${queue.length} question${queue.length === 1 ? "" : "s"} to review today. Answer each one: a right answer comes back later, a missed one stays in today's queue.`
    : "Nothing to review today. Answer the quizzes on the topic pages you study, and missed questions come back here.";
  box.replaceChildren(
    el("p", { class: "rm-review__summary", text: summary }),
    el("ol", { class: "rm-quiz__questions rm-review__queue" }, queue.map(reviewItem))
  );
  box.classList.add("is-ready");
}

/** Show the queue on the page that has a [data-rm-review] box; false on other pages. */
export function initReview() {
  const box = document.querySelector("[data-rm-review]");
  if (!box) {
    return false;
  }
  loadQuizzes()
    .then((data) => renderReview(box, data))
    .catch((error) => {
      box.textContent = `The review could not be built: the quizzes did not load (${error.message}).`;
      box.classList.add("is-ready");
    });
  return true;
}

/** Show in progress summary `box` how many questions are due for review today. */
export function renderDueCount(box) {
  loadQuizzes()
    .then((data) => {
      const due = todaysQueue(data, Number.POSITIVE_INFINITY).length;
      let line = box.querySelector(".rm-progress__review");
      if (!line) {
        line = el("p", { class: "rm-progress__review" });
        box.querySelector(".rm-progress__stats")?.after(line);
      }
      const text = due === 1 ? "1 question due for review today" : `${due} questions due for review today`;
      line.replaceChildren(el("a", { href: `${ROOT}review/`, "data-rm-due": String(due), text }));
    })
    .catch(() => {});
}
