// The learner's progress as data, with no browser in sight: {version, done: {topicId: ISO date
// it was marked done}}. Everything that comes from outside (saved text, an imported file) is
// checked here; topic ids are checked against the roadmap's own ids, never against a copied rule.

export const FORMAT = "ml-roadmap-progress";
export const VERSION = 1;

/** No topic done. */
export function emptyState() {
  return { version: VERSION, done: {} };
}

function isPlainObject(value) {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

/**
 * Dates by topic id from untrusted data: only the ids `accept` allows are kept, and a date that
 * is not a string becomes `now`. Anything but a plain object gives no topics.
 */
export function cleanDone(done, accept, now) {
  const clean = {};
  if (isPlainObject(done)) {
    for (const id of Object.keys(done)) {
      if (accept(id)) {
        clean[id] = typeof done[id] === "string" ? done[id] : now;
      }
    }
  }
  return clean;
}

/**
 * The state saved as `text` by this or an earlier version, brought to the current version.
 * Missing, unreadable or malformed text is no progress rather than an error. The ids were checked
 * when they were saved (they come from the topic pages or from a checked import) and are kept.
 */
export function stateFromText(text, now) {
  if (!text) {
    return emptyState();
  }
  try {
    const saved = JSON.parse(text);
    return { version: VERSION, done: cleanDone(saved.done, () => true, now) };
  } catch {
    return emptyState();
  }
}

/** A copy of `state` with topic `id` marked done (keeping its first date) or not done. */
export function withDone(state, id, done, now) {
  const next = { ...state.done };
  if (done) {
    next[id] = next[id] || now;
  } else {
    delete next[id];
  }
  return { version: VERSION, done: next };
}

/**
 * The export file's text: the state, with its format, version, date and the site it came from,
 * and the `extra` fields other data keeps in the same file (notes and quiz answers).
 */
export function exportText(state, site, now, extra = {}) {
  const data = { ...extra, format: FORMAT, version: VERSION, exported: now, site, done: state.done };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * The done topics of an export file, of the ids in `known` only (a Set of the roadmap's topic ids).
 * Throws an Error whose message tells the learner what is wrong with the file.
 */
export function parseImport(text, known, now) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("That file is not JSON, so it is not a progress export from ML Roadmap.");
  }
  if (!data || data.format !== FORMAT || typeof data.done !== "object") {
    throw new Error("That file is not a progress export from ML Roadmap.");
  }
  if (data.version > VERSION) {
    throw new Error("That file was made by a newer version of ML Roadmap: reload the page and try again.");
  }
  return cleanDone(data.done, (id) => known.has(id), now);
}

/**
 * `state` with the imported topics added; a topic done in both keeps the earlier date.
 * Returns the new state, how many topics were new, and how many the file had.
 */
export function mergeDone(state, incoming) {
  const done = { ...state.done };
  let added = 0;
  for (const id of Object.keys(incoming)) {
    if (!done[id]) {
      added += 1;
      done[id] = incoming[id];
    } else if (incoming[id] < done[id]) {
      done[id] = incoming[id];
    }
  }
  return { state: { version: VERSION, done }, added, total: Object.keys(incoming).length };
}
