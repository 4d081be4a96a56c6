// The study plan, with no DOM: topics in study order, laid out in weeks of so many hours. Topics
// keep the roadmap's order, moved later only when a prerequisite comes after them; a topic longer
// than what is left of a week carries on into the next weeks.

export const DAY = 24 * 60 * 60 * 1000;

/** Roadmap order, except that a topic never comes before one of its prerequisites. */
export function studyOrder(topics) {
  const listed = new Set(topics.map((topic) => topic.id));
  const placed = new Set();
  const order = [];
  let waiting = topics.slice();
  while (waiting.length) {
    const next =
      waiting.find((topic) => topic.prerequisites.every((id) => placed.has(id) || !listed.has(id))) || waiting[0]; // a cycle cannot happen (the build rejects it), but never loop forever
    placed.add(next.id);
    order.push(next);
    waiting = waiting.filter((topic) => topic !== next);
  }
  return order;
}

/** Hours rounded to a tenth. */
export function round(hours) {
  return Math.round(hours * 10) / 10;
}

/**
 * Weeks of `hoursPerWeek` hours from `start` (a UTC date), filled with `topics` in study order:
 * {weeks: [{number, start, end, items: [{topic, hours, starts, ends}]}], spans: [{topic, first,
 * last}] (the first and last week of each topic), hours: the topics' total}.
 */
export function makePlan(topics, hoursPerWeek, start) {
  const weeks = [];
  const spans = [];
  let week = null;
  let left = 0;
  const openWeek = () => {
    const from = new Date(start.getTime() + weeks.length * 7 * DAY);
    week = { number: weeks.length + 1, start: from, end: new Date(from.getTime() + 6 * DAY), items: [] };
    weeks.push(week);
    left = hoursPerWeek;
  };
  for (const topic of studyOrder(topics)) {
    let remaining = topic.hours;
    const span = { topic, first: null, last: null };
    while (remaining > 0) {
      if (!week || left <= 0) {
        openWeek();
      }
      const hours = Math.min(left, remaining);
      remaining -= hours;
      left -= hours;
      week.items.push({ topic, hours: round(hours), starts: span.first === null, ends: remaining <= 0 });
      span.first = span.first || week;
      span.last = week;
    }
    spans.push(span);
  }
  return { weeks, spans, hours: topics.reduce((sum, topic) => sum + topic.hours, 0) };
}

/** What a week does with a topic: starts it, finishes it, both, or carries on with it. */
export function status(item) {
  if (item.starts && item.ends) {
    return "start and finish";
  }
  return item.starts ? "start" : item.ends ? "finish" : "continue";
}

/** The Monday on or after `now`'s local date, as YYYY-MM-DD. */
export function nextMonday(now) {
  const date = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  const add = (8 - date.getUTCDay()) % 7;
  return new Date(date.getTime() + add * DAY).toISOString().slice(0, 10);
}

/**
 * The planner's settings from the form's raw values: hours a whole number within `limits`
 * ({min, max, fallback}, the fallback for a blank or zero entry), a start date as YYYY-MM-DD
 * (else `defaultStart`), and whether to leave out done topics.
 */
export function plannerSettings(values, limits, defaultStart) {
  const hours = Math.round(Number(values.hours) || limits.fallback);
  return {
    hours: Math.max(limits.min, Math.min(limits.max, hours)),
    start: /^\d{4}-\d{2}-\d{2}$/.test(values.start) ? values.start : defaultStart,
    skipDone: values.skipDone,
  };
}
