// The roadmap's data: read from the map when the page has one, else roadmap.json (published by
// the build, hooks/mlroadmap/export.py), fetched once per visit.
import { idMapping } from "./migrations.js";
import { ROOT } from "./site.js";

let loading = null;

/** The roadmap from roadmap.json, fetched on the first call; a failed fetch is tried again next time. */
export function loadRoadmap() {
  if (!loading) {
    loading = fetch(`${ROOT}roadmap.json`, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) {
          throw new Error(`roadmap.json: HTTP ${response.status}`);
        }
        return response.json();
      })
      .then((json) => fromJson(json, ROOT))
      .catch((error) => {
        loading = null;
        throw error;
      });
  }
  return loading;
}

/** The roadmap from roadmap.json's data, with absolute URLs under `root` and where old ids went (`moves`). */
export function fromJson(json, root) {
  const phases = json.phases.map((phase) => ({
    id: phase.id,
    number: phase.number,
    title: phase.title,
    url: root + phase.url,
    topics: phase.topics.map((topic) => ({
      id: topic.id,
      title: topic.title,
      url: root + topic.url,
      hours: topic.effort_hours,
      level: topic.level,
      phase: phase.id,
      prerequisites: topic.prerequisites.slice(),
    })),
  }));
  return { ...withTopics(phases), hoursPerWeek: json.hours_per_week, moves: idMapping(json) };
}

/** The roadmap from the map's markup (hooks/mlroadmap/diagram.py), which carries the same data. */
export function fromMap(map) {
  const phases = Array.from(map.querySelectorAll(".rm-phase"), (phase, index) => {
    const link = phase.querySelector(".rm-phase__title a");
    return {
      id: phase.getAttribute("data-phase"),
      number: index + 1,
      title: link.textContent,
      url: link.href,
      topics: Array.from(phase.querySelectorAll(".rm-node"), (node) => {
        const topicLink = node.querySelector("a");
        return {
          id: node.getAttribute("data-topic"),
          title: topicLink.getAttribute("title"),
          url: topicLink.href,
          hours: Number(node.getAttribute("data-hours")),
          phase: phase.getAttribute("data-phase"),
          prerequisites: (node.getAttribute("data-prerequisites") || "").split(" ").filter(Boolean),
        };
      }),
    };
  });
  return withTopics(phases);
}

/** The ids of every topic of the roadmap. */
export function topicIds(roadmap) {
  return new Set(roadmap.topics.map((topic) => topic.id));
}

function withTopics(phases) {
  return { phases, topics: phases.flatMap((phase) => phase.topics) };
}
