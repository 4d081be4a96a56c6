// The roadmap's map (hooks/mlroadmap/diagram.py): done and ready topics, counts per phase, and
// the prerequisite lines of the topic under the pointer or keyboard focus.
import { doneTopics } from "./progress.js";
import { percent, tally } from "./summaries.js";

/** Mark done and ready topics, met prerequisite lines and each phase's count on `map`. */
export function paintMap(map, roadmap) {
  const done = doneTopics();
  const counts = tally(roadmap, done);
  const byId = new Map(roadmap.topics.map((topic) => [topic.id, topic]));
  for (const node of map.querySelectorAll(".rm-node")) {
    const id = node.getAttribute("data-topic");
    const topic = byId.get(id);
    const isDone = Boolean(done[id]);
    const isReady = Boolean(topic && counts.ready(topic));
    node.classList.toggle("is-done", isDone);
    node.classList.toggle("is-ready", isReady);
    node.querySelector("[data-rm-state]").textContent = isDone ? ", done" : isReady ? ", ready" : "";
  }
  for (const edge of map.querySelectorAll(".rm-edge")) {
    edge.classList.toggle("is-met", Boolean(done[edge.getAttribute("data-from")]));
  }
  for (const entry of counts.phases) {
    const phase = map.querySelector(`.rm-phase[data-phase="${entry.phase.id}"]`);
    if (phase) {
      phase.querySelector("[data-rm-phase-count]").textContent = `${entry.count.done} of ${entry.count.total} done`;
      phase.style.setProperty("--rm-phase-done", `${percent(entry.count.done, entry.count.total)}%`);
    }
  }
}

/** Light the lines of the topic under the pointer or focus, and the topics they join. */
export function bindMap(map) {
  const canvas = map.querySelector(".rm-map__canvas");
  const light = (id) => {
    canvas.classList.toggle("has-focus", Boolean(id));
    const linked = new Set();
    for (const edge of map.querySelectorAll(".rm-edge")) {
      const from = edge.getAttribute("data-from");
      const to = edge.getAttribute("data-to");
      const lit = Boolean(id) && (from === id || to === id);
      edge.classList.toggle("is-lit", lit);
      if (lit) {
        linked.add(from);
        linked.add(to);
      }
    }
    for (const node of map.querySelectorAll(".rm-node")) {
      const nodeId = node.getAttribute("data-topic");
      node.classList.toggle("is-linked", Boolean(id) && nodeId !== id && linked.has(nodeId));
      node.classList.toggle("is-current", Boolean(id) && nodeId === id);
    }
  };
  const topicOf = (event) => event.target.closest?.(".rm-node")?.getAttribute("data-topic") ?? null;
  map.addEventListener("mouseover", (event) => light(topicOf(event)));
  map.addEventListener("mouseleave", () => light(null));
  map.addEventListener("focusin", (event) => light(topicOf(event)));
  map.addEventListener("focusout", (event) => {
    if (!map.contains(event.relatedTarget)) {
      light(null);
    }
  });
}
