// ML Roadmap's browser code: the learner's progress, kept in this browser, on every page that
// shows it. Loaded as a module on every page (mkdocs.yml, extra_javascript); this entry only
// wires the page, each concern lives in its own module:
//
// - Topic pages: the "Mark as done" checkboxes (toggles.js).
// - The roadmap's map: done and ready topics and highlighted prerequisite lines (map.js).
// - Progress summaries ([data-rm-progress]), with export and import on the full one
//   (summary-view.js, transfer.js).
// - Topic pages: the self-check quiz (quiz.js) and the notes box (notes.js); the map marks the
//   topics with notes; "My notes" ([data-rm-notes-page]) and "Review" ([data-rm-review]) pages
//   (my-notes.js, review.js), and the count of questions due beside the full summary.
// - Everything kept under a topic id follows renamed topics (moved-topics.js, migrations.js).
// - The planner page ([data-rm-planner]): planner.js. Imported up front, not when a page needs it:
//   a dynamic import() does not hold the page's load event, so the form could be sent before
//   the planner is bound.
//
// Everything runs on each page view (Material's document$), and paints again when a page comes
// back from the back/forward cache: progress may have changed on the pages seen meanwhile.
// No dependencies, no requests but this site's own roadmap.json.
import { onLearnerChange } from "./learner-store.js";
import { bindMap, paintMap } from "./map.js";
import { anythingSaved, migrateSaved } from "./moved-topics.js";
import { initNotesPage } from "./my-notes.js";
import { bindNotes, paintNoteMarkers } from "./notes.js";
import { initPlanner } from "./planner.js";
import { onProgressChange } from "./progress.js";
import { bindQuizzes, paintQuizzes } from "./quiz.js";
import { initReview, renderDueCount } from "./review.js";
import { fromMap, loadRoadmap } from "./roadmap-data.js";
import { renderSummary, renderSummaryError } from "./summary-view.js";
import { bindToggles, paintToggles } from "./toggles.js";

let repaint = () => {};

// One page view: bind what this page has, and paint it now and whenever progress changes.
function view() {
  const painters = [];
  if (bindToggles(document)) {
    painters.push(() => paintToggles(document));
  }
  if (bindQuizzes(document)) {
    painters.push(() => paintQuizzes(document));
  }
  bindNotes(document);
  const map = document.querySelector(".rm-map");
  const summaries = document.querySelectorAll("[data-rm-progress]");
  if (map || summaries.length) {
    const ready = map ? Promise.resolve(fromMap(map)) : loadRoadmap();
    if (map) {
      bindMap(map);
      painters.push(() => paintNoteMarkers(map));
    }
    painters.push(() =>
      ready
        .then((roadmap) => {
          if (map) {
            paintMap(map, roadmap);
          }
          for (const box of summaries) {
            renderSummary(box, roadmap);
            if (box.getAttribute("data-rm-progress") === "full") {
              renderDueCount(box);
            }
          }
        })
        .catch((error) => {
          for (const box of summaries) {
            renderSummaryError(box, error);
          }
        })
    );
  }
  initPlanner();
  initNotesPage();
  initReview();
  repaint = () => {
    for (const paint of painters) {
      paint();
    }
  };
  repaint();
}

onProgressChange(() => repaint());
onLearnerChange(() => repaint());
window.addEventListener("pageshow", (event) => {
  if (event.persisted) {
    repaint();
  }
});

// Topics renamed, merged or split since the last visit (roadmap.json's moved_from): what this
// browser keeps under their old ids moves to them, once per page load, before the page is bound
// (so a notes box shows the moved notes). Nothing kept, nothing fetched.
const migrated = anythingSaved()
  ? loadRoadmap()
      .then((roadmap) => migrateSaved(roadmap.moves))
      .catch(() => false) // kept as it is; the next visit tries again
  : Promise.resolve(false);

// Material's document$ emits each page it shows (without navigation.instant, only this one).
// Without Material's script (a page opened from a file), run once when the page is parsed.
function start() {
  if (window.document$) {
    window.document$.subscribe(view);
  } else {
    view();
  }
}

migrated.then(() => {
  if (window.document$ || document.readyState !== "loading") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
});
