// Topics renamed, merged or split: what the browser keeps under their old ids follows them. Pure
// functions, no browser in sight. The roadmap says where each old id went (roadmap.json, each
// topic's moved_from, checked by the build: an old id is no topic's id and moves to one topic).

function isPlainObject(value) {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

/**
 * Where each old topic id went, from roadmap.json's data: {oldId: currentId}. An old id that is
 * a current topic's id stays where it is, so a wrong file can never move a learner's progress away.
 */
export function idMapping(data) {
  const topics = (data?.phases || []).flatMap((phase) => phase.topics || []);
  const current = new Set(topics.map((topic) => topic.id));
  const pairs = [];
  for (const topic of topics) {
    for (const old of topic.moved_from || []) {
      if (typeof old === "string" && !current.has(old)) {
        pairs.push([old, topic.id]);
      }
    }
  }
  return Object.fromEntries(pairs);
}

/** The id `id` goes by now. */
export function currentId(id, mapping) {
  return Object.hasOwn(mapping, id) ? mapping[id] : id;
}

/**
 * Progress ({version, done: {topicId: ISO date}}) with every old id renamed; a topic done under
 * two of its names keeps the earlier date. Anything else in the state is kept; a state without a
 * done list is returned as it is.
 */
export function migrateProgress(state, mapping) {
  if (!isPlainObject(state) || !isPlainObject(state.done)) {
    return state;
  }
  const done = new Map();
  for (const [id, date] of Object.entries(state.done)) {
    const target = currentId(id, mapping);
    if (!done.has(target) || date < done.get(target)) {
      done.set(target, date);
    }
  }
  return { ...state, done: Object.fromEntries(done) };
}

/**
 * The text to save after `rename(state, mapping)` of the state saved as JSON `text`, or null
 * when nothing changes (nothing saved, unreadable text, no id moved).
 */
export function migratedText(text, rename, mapping) {
  if (!text || Object.keys(mapping).length === 0) {
    return null;
  }
  let state;
  try {
    state = JSON.parse(text);
  } catch {
    return null;
  }
  const before = JSON.stringify(state);
  const after = JSON.stringify(rename(state, mapping));
  return after === before ? null : after;
}
