// Progress summaries ([data-rm-progress], on the home and roadmap pages): counts, bars and what
// to study next; the full one (the roadmap page) also exports, imports and resets progress.
import { bar, el } from "./dom.js";
import { doneTopics, progressIsKept } from "./progress.js";
import { ROOT } from "./site.js";
import { headline, tally } from "./summaries.js";
import { transferActions } from "./transfer.js";

const KEPT =
  "Kept in this browser only, with no account. To continue in another browser, export your progress on the roadmap page and import the file there.";
const NOT_KEPT =
  "This browser does not let the site keep data, so your progress lasts only until you close this tab. Export it to keep it.";
const ALL_DONE = "Every topic is done: time to pick a specialisation and a research project.";

/** Fill summary `box` with the current progress through `roadmap`. */
export function renderSummary(box, roadmap) {
  if (!box.querySelector(".rm-progress__stats")) {
    buildSummary(box, roadmap);
  }
  const counts = tally(roadmap, doneTopics());
  const all = counts.overall;
  const parts = [
    el("p", { class: "rm-progress__overall" }, [
      el("strong", { text: headline(all) }),
      " ",
      bar("All phases", all.done, all.total, `${all.done} of ${all.total} topics done`),
    ]),
    el(
      "ul",
      { class: "rm-progress__phases" },
      counts.phases.map((entry) => {
        const text = `${entry.count.done} of ${entry.count.total}`;
        return el("li", {}, [
          el("a", { href: entry.phase.url, text: entry.phase.title }),
          el("span", { class: "rm-progress__count", text }),
          bar(entry.phase.title, entry.count.done, entry.count.total, `${text} topics done`),
        ]);
      })
    ),
  ];
  if (counts.next) {
    parts.push(
      el("p", { class: "rm-progress__next" }, [
        all.done === 0 ? "Start with " : "Next up: ",
        el("a", { href: counts.next.url, text: counts.next.title }),
        ` (about ${counts.next.hours} h).`,
      ])
    );
  } else if (all.total > 0 && all.done === all.total) {
    parts.push(el("p", { class: "rm-progress__next", text: ALL_DONE }));
  }
  box.querySelector(".rm-progress__stats").replaceChildren(...parts);
}

/** Show in `box` that the roadmap's data did not load. */
export function renderSummaryError(box, error) {
  box.classList.add("is-ready");
  box.textContent = `Your progress could not be shown: the roadmap's data did not load (${error.message}).`;
}

// The parts of a summary that stay put while the numbers change (so focus is never lost).
function buildSummary(box, roadmap) {
  const parts = [el("div", { class: "rm-progress__stats" })];
  if (box.getAttribute("data-rm-progress") === "full") {
    parts.push(transferActions(box, roadmap));
    parts.push(
      el("p", { class: "rm-progress__links" }, [
        "Turn what is left into dated weeks: ",
        el("a", { href: `${ROOT}planner/`, text: "the study planner" }),
        ".",
      ])
    );
  } else {
    parts.push(
      el("p", { class: "rm-progress__links" }, [
        el("a", { href: `${ROOT}roadmap/`, text: "Your progress on the map" }),
        " · ",
        el("a", { href: `${ROOT}planner/`, text: "Plan your weeks" }),
      ])
    );
  }
  parts.push(el("p", { class: "rm-progress__note", text: progressIsKept() ? KEPT : NOT_KEPT }));
  parts.push(el("p", { class: "rm-progress__message", role: "status", "aria-live": "polite" }));
  box.replaceChildren(...parts);
  box.classList.add("is-ready");
}
