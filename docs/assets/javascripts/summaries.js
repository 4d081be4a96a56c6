// What is done, per phase and overall, and which topics are ready (all prerequisites done): the
// numbers and sentences of the progress summaries and the map, with no DOM.

/** `part` as a whole percentage of `whole` (0 when there is no whole). */
export function percent(part, whole) {
  return whole ? Math.round((100 * part) / whole) : 0;
}

/** Topics and hours done out of `topics`. */
export function count(topics, done) {
  const finished = topics.filter((topic) => done[topic.id]);
  const hours = (list) => list.reduce((sum, topic) => sum + topic.hours, 0);
  return { done: finished.length, total: topics.length, hoursDone: hours(finished), hours: hours(topics) };
}

/**
 * Counts overall and per phase, `ready(topic)` (not done, every known prerequisite done), and the
 * first ready topic in roadmap order as `next` (null when none is).
 */
export function tally(roadmap, done) {
  const known = new Set(roadmap.topics.map((topic) => topic.id));
  const ready = (topic) => !done[topic.id] && topic.prerequisites.every((id) => done[id] || !known.has(id));
  return {
    overall: count(roadmap.topics, done),
    phases: roadmap.phases.map((phase) => ({ phase, count: count(phase.topics, done) })),
    ready,
    next: roadmap.topics.find(ready) || null,
  };
}

/** The summary's first line. */
export function headline(overall) {
  if (overall.done === 0) {
    return "No topic marked as done yet.";
  }
  const { done, total, hoursDone, hours } = overall;
  return `${done} of ${total} topics done, ${hoursDone} of ${hours} hours (${percent(hoursDone, hours)}%).`;
}
