// The learner's progress, kept in this browser (localStorage): no account, no server. The one
// place that reads and writes it; what it means lives in progress-model.js.
import { migrateProgress } from "./migrations.js";
import * as model from "./progress-model.js";
import { ROOT } from "./site.js";
import { onOtherTabChange, readText, storageWorks, writeText } from "./storage.js";

/** Where progress is kept in the browser's storage. */
export const PROGRESS_KEY = "ml-roadmap.progress";
const listeners = [];
let memory = null; // the state, when the browser refuses storage (some private modes)
let watching = false;

function now() {
  return new Date().toISOString();
}

function notify() {
  for (const listener of listeners) {
    listener();
  }
}

function readState() {
  return memory || model.stateFromText(readText(PROGRESS_KEY), now());
}

function writeState(state) {
  memory = writeText(PROGRESS_KEY, JSON.stringify(state)) ? null : state;
  notify();
}

/** Whether progress outlives this tab. */
export function progressIsKept() {
  return storageWorks(PROGRESS_KEY);
}

/** Dates by done topic id. */
export function doneTopics() {
  return readState().done;
}

/** Whether topic `id` is marked done. */
export function isDone(id) {
  return Object.hasOwn(readState().done, id);
}

/** Mark topic `id` done (`done` true) or not done. */
export function setDone(id, done) {
  writeState(model.withDone(readState(), id, done, now()));
}

/** Forget every topic marked done. */
export function resetProgress() {
  writeState(model.emptyState());
}

/** The text of an export file, with the `extra` fields given (notes and quiz answers). */
export function exportProgress(extra = {}) {
  return model.exportText(readState(), ROOT, now(), extra);
}

/**
 * Merge an export file into what is saved, keeping only the ids in `known`; throws on a wrong file.
 * Old ids of renamed topics (`moves`, {oldId: currentId}) count as their topic's.
 */
export function importProgress(text, known, moves = {}) {
  const accept = new Set([...known, ...Object.keys(moves)]);
  const imported = migrateProgress({ done: model.parseImport(text, accept, now()) }, moves).done;
  const incoming = model.cleanDone(imported, (id) => known.has(id), now());
  const result = model.mergeDone(readState(), incoming);
  writeState(result.state);
  return { added: result.added, total: result.total };
}

/** Call `listener` whenever progress changes, in this tab or another one. */
export function onProgressChange(listener) {
  listeners.push(listener);
  if (!watching) {
    watching = true;
    onOtherTabChange(PROGRESS_KEY, notify);
  }
}
