// The learner's notes and quiz answers, kept in this browser (localStorage) beside the progress:
// the one place that reads and writes them. What they mean lives in learner-model.js.

import * as model from "./learner-model.js";
import { answerCard } from "./leitner.js";
import { onOtherTabChange, readText, writeText } from "./storage.js";

export { renameTopicIds } from "./learner-model.js";

export const NOTES_KEY = "ml-roadmap.notes";
export const QUIZ_KEY = "ml-roadmap.quiz";
const CLEANERS = { [NOTES_KEY]: model.cleanNotes, [QUIZ_KEY]: model.cleanQuiz };
const memory = new Map(); // the states the browser refused to keep (some private modes)
const listeners = [];
let watching = false;

function now() {
  return new Date().toISOString();
}

function read(key) {
  return memory.get(key) || model.fromText(readText(key), CLEANERS[key], now());
}

function write(key, state) {
  if (writeText(key, JSON.stringify(state))) {
    memory.delete(key);
  } else {
    memory.set(key, state);
  }
  for (const listener of listeners) {
    listener(key);
  }
}

/** Every topic's notes: {topicId: {text, links, updated}}. */
export function allNotes() {
  return read(NOTES_KEY).topics;
}

/** The notes on topic `id` ({text, links}), empty when there are none. */
export function noteOf(id) {
  const topics = allNotes();
  return Object.hasOwn(topics, id) ? topics[id] : { text: "", links: [], updated: "" };
}

/** Save the notes on topic `id` (untrusted input: cleaned before it is kept). */
export function saveNote(id, note) {
  write(NOTES_KEY, model.withNote(read(NOTES_KEY), id, note, now()));
}

/** The cards of topic `id`'s questions: {questionId: card}. */
export function cardsOf(id) {
  const topics = read(QUIZ_KEY).topics;
  return Object.hasOwn(topics, id) ? topics[id] : {};
}

/** Every topic's cards: {topicId: {questionId: card}}. */
export function allCards() {
  return read(QUIZ_KEY).topics;
}

/** Record an answer to question `questionId` of topic `id`; returns its new card. */
export function recordAnswer(id, questionId, correct) {
  const state = read(QUIZ_KEY);
  const card = answerCard(cardsOf(id)[questionId], correct, now());
  write(QUIZ_KEY, model.withCard(state, id, questionId, card));
  return card;
}

/** What the progress export file carries besides the done topics. */
export function exportFields() {
  return { notes: read(NOTES_KEY).topics, quiz: read(QUIZ_KEY).topics };
}

/**
 * Merge the notes and answers of an export file's `data` (already parsed) of the ids in `known`.
 * A file from before notes existed has neither and changes nothing. Returns what was added.
 */
export function importFields(data, known) {
  const accept = (id) => known.has(id);
  const notes = model.mergeNotes(read(NOTES_KEY), model.cleanNotes({ topics: data?.notes }, accept, now()));
  const quiz = model.mergeQuiz(read(QUIZ_KEY), model.cleanQuiz({ topics: data?.quiz }, accept, now()));
  if (notes.count) {
    write(NOTES_KEY, notes.state);
  }
  if (quiz.count) {
    write(QUIZ_KEY, quiz.state);
  }
  return { notes: notes.count, answers: quiz.count };
}

/** Rename topic ids in what is saved (old id -> new id), for topics that moved. */
export function renameStoredTopicIds(mapping) {
  const state = model.renameTopicIds({ notes: read(NOTES_KEY), quiz: read(QUIZ_KEY) }, mapping);
  write(NOTES_KEY, state.notes);
  write(QUIZ_KEY, state.quiz);
}

/** Call `listener(key)` whenever notes or answers change, in this tab or another one. */
export function onLearnerChange(listener) {
  listeners.push(listener);
  if (!watching) {
    watching = true;
    for (const key of [NOTES_KEY, QUIZ_KEY]) {
      onOtherTabChange(key, () => {
        for (const each of listeners) {
          each(key);
        }
      });
    }
  }
}
