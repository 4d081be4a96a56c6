// A small roadmap shaped like roadmap.json (docs/contributing/roadmap-json.md), for the tests.
import { fromJson } from "../../docs/assets/javascripts/roadmap-data.js";

export const ROOT = "https://example.org/ml-roadmap/";

function topic(id, hours, prerequisites = []) {
  return {
    id,
    title: `Topic ${id}`,
    url: `phase/${id}/`,
    effort_hours: hours,
    level: "beginner",
    prerequisites,
  };
}

/** roadmap.json's data: two phases; "b" comes before its prerequisite "c" in roadmap order. */
export function roadmapJson() {
  return {
    schema_version: 1,
    hours_per_week: 10,
    phases: [
      { id: "one", number: 1, title: "Phase 1: One", url: "one/", topics: [topic("a", 6), topic("b", 12, ["c"])] },
      { id: "two", number: 2, title: "Phase 2: Two", url: "two/", topics: [topic("c", 4, ["a"]), topic("d", 3)] },
    ],
  };
}

/** The roadmap as the browser code sees it. */
export function roadmap() {
  return fromJson(roadmapJson(), ROOT);
}
