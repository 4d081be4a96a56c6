// The learner's notes and quiz answers as data, with no browser in sight. Both are keyed by the
// stable topic id, never by a URL or a title, so a renamed topic keeps them (renameTopicIds).
//
//   notes: {version, topics: {topicId: {text, links: [{title, url}], updated}}}
//   quiz:  {version, topics: {topicId: {questionId: card}}}  (cards: leitner.js)
//
// Everything read from storage or an imported file is untrusted: it is rebuilt here field by
// field, into objects without a prototype chain to pollute, with limits on every size.
import { BOXES } from "./leitner.js";

export const VERSION = 1;
export const LIMITS = { text: 20000, links: 20, title: 200, url: 2000, topics: 1000, questions: 200 };
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** A fresh record: plain data whose keys can never reach Object.prototype. */
function record() {
  return Object.create(null);
}

function isPlainObject(value) {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

/** Whether `key` may name a topic or question: a short string that is no special property. */
export function safeKey(key) {
  return typeof key === "string" && key.length > 0 && key.length <= 200 && !FORBIDDEN.has(key);
}

/** The own entries of `value` (an object) whose key is safe and that `accept` allows, at most `limit`. */
function entries(value, accept, limit) {
  if (!isPlainObject(value)) {
    return [];
  }
  return Object.keys(value)
    .filter((key) => safeKey(key) && accept(key))
    .slice(0, limit)
    .map((key) => [key, value[key]]);
}

function text(value, limit) {
  return typeof value === "string" ? value.slice(0, limit) : "";
}

function date(value, fallback) {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : fallback;
}

/** `url` as a link a learner may keep: an absolute http(s) address, normalised; else null. */
export function safeUrl(url) {
  if (typeof url !== "string" || url.length > LIMITS.url) {
    return null;
  }
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link from untrusted data, or null when its URL is not http(s). */
export function cleanLink(link) {
  const url = isPlainObject(link) ? safeUrl(link.url) : null;
  if (!url) {
    return null;
  }
  return { title: text(link.title, LIMITS.title).trim() || url, url };
}

/** One topic's notes from untrusted data. */
export function cleanNote(note, now) {
  const clean = isPlainObject(note) ? note : {};
  const links = Array.isArray(clean.links) ? clean.links.map(cleanLink).filter(Boolean) : [];
  return {
    text: text(clean.text, LIMITS.text),
    links: links.slice(0, LIMITS.links),
    updated: date(clean.updated, now),
  };
}

/** Notes from untrusted data, of the topic ids `accept` allows; empty notes are dropped. */
export function cleanNotes(data, accept, now) {
  const topics = record();
  for (const [id, note] of entries(data?.topics, accept, LIMITS.topics)) {
    const clean = cleanNote(note, now);
    if (clean.text.trim() || clean.links.length) {
      topics[id] = clean;
    }
  }
  return { version: VERSION, topics };
}

/** A card from untrusted data, or null. */
export function cleanCard(card, now) {
  if (!isPlainObject(card)) {
    return null;
  }
  const box = Number.isInteger(card.box) ? Math.min(BOXES, Math.max(1, card.box)) : 1;
  const answers = Number.isInteger(card.answers) && card.answers > 0 ? card.answers : 1;
  return { box, due: date(card.due, now), seen: date(card.seen, now), right: card.right === true, answers };
}

/** Quiz answers from untrusted data, of the topic ids `accept` allows. */
export function cleanQuiz(data, accept, now) {
  const topics = record();
  for (const [id, cards] of entries(data?.topics, accept, LIMITS.topics)) {
    const clean = record();
    for (const [questionId, card] of entries(cards, () => true, LIMITS.questions)) {
      const kept = cleanCard(card, now);
      if (kept) {
        clean[questionId] = kept;
      }
    }
    topics[id] = clean;
  }
  return { version: VERSION, topics };
}

/** Saved text (this or an earlier version) as state; anything unreadable is an empty state. */
export function fromText(textValue, clean, now) {
  try {
    return clean(textValue ? JSON.parse(textValue) : null, () => true, now);
  } catch {
    return clean(null, () => true, now);
  }
}

/** A copy of `state` with `id`'s notes replaced by `note` (removed when it is empty). */
export function withNote(state, id, note, now) {
  const topics = Object.assign(record(), state.topics);
  const clean = cleanNote({ ...note, updated: now }, now);
  if (clean.text.trim() || clean.links.length) {
    topics[id] = clean;
  } else {
    delete topics[id];
  }
  return { version: VERSION, topics };
}

/** A copy of quiz `state` with `card` for question `questionId` of topic `id`. */
export function withCard(state, id, questionId, card) {
  const topics = Object.assign(record(), state.topics);
  topics[id] = Object.assign(record(), topics[id], { [questionId]: card });
  return { version: VERSION, topics };
}

/** Two notes on one topic as one: the second text added unless the first has it, the links of both. */
export function mergeNote(first, second) {
  if (!first) {
    return second;
  }
  const added = second.text.trim() && !first.text.includes(second.text.trim()) ? second.text : "";
  const texts = [first.text, added].filter((part) => part.trim());
  const links = [...first.links, ...second.links].filter(
    (link, index, all) => all.findIndex((other) => other.url === link.url) === index
  );
  const updated = [first.updated, second.updated].sort().at(-1); // ISO dates sort as text
  return { text: texts.join("\n\n").slice(0, LIMITS.text), links: links.slice(0, LIMITS.links), updated };
}

/** Two cards of one question as one: the one answered last. */
export function mergeCards(first, second) {
  const topics = Object.assign(record(), first);
  for (const [id, card] of Object.entries(second || {})) {
    if (!topics[id] || card.seen > topics[id].seen) {
      topics[id] = card;
    }
  }
  return topics;
}

function renamed(topics, mapping, merge) {
  const result = record();
  for (const [id, value] of Object.entries(topics || {})) {
    const target = Object.hasOwn(mapping, id) && safeKey(mapping[id]) ? mapping[id] : id;
    result[target] = Object.hasOwn(result, target) ? merge(result[target], value) : value;
  }
  return result;
}

/**
 * `{notes, quiz}` with the topics of `mapping` (old id -> new id, a plain object) renamed. When an
 * old and a new id both have data (merged topics), notes are joined and the latest answers kept.
 */
export function renameTopicIds(state, mapping) {
  const result = { ...state };
  if (state.notes) {
    result.notes = { version: VERSION, topics: renamed(state.notes.topics, mapping, mergeNote) };
  }
  if (state.quiz) {
    result.quiz = { version: VERSION, topics: renamed(state.quiz.topics, mapping, mergeCards) };
  }
  return result;
}

/** `local` notes with `incoming` ones added (same topic: joined). Returns the state and the topics added to. */
export function mergeNotes(local, incoming) {
  const topics = Object.assign(record(), local.topics);
  for (const [id, note] of Object.entries(incoming.topics)) {
    topics[id] = mergeNote(topics[id], note);
  }
  return { state: { version: VERSION, topics }, count: Object.keys(incoming.topics).length };
}

/** `local` answers with `incoming` ones added (same question: the later answer). */
export function mergeQuiz(local, incoming) {
  const topics = Object.assign(record(), local.topics);
  let count = 0;
  for (const [id, cards] of Object.entries(incoming.topics)) {
    topics[id] = mergeCards(topics[id], cards);
    count += Object.keys(cards).length;
  }
  return { state: { version: VERSION, topics }, count };
}
