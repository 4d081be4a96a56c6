// Export, import and reset buttons of the full progress summary: moving progress to another
// browser as a file. Checking the file is progress-model.js's job; this is the thin DOM side.
import { download, el } from "./dom.js";
import { exportFields, importFields } from "./learner-store.js";
import { exportProgress, importProgress, resetProgress } from "./progress.js";
import { loadRoadmap, topicIds } from "./roadmap-data.js";

const RESET_QUESTION = "Forget every topic marked as done in this browser? Export your progress first to keep a copy.";

function today() {
  return new Date().toISOString().slice(0, 10);
}

function button(action, text) {
  return el("button", { type: "button", class: "md-button", "data-rm-action": action, text });
}

/** The buttons; their messages go to `box`'s status line. Imports keep the ids of `roadmap`. */
export function transferActions(box, roadmap) {
  const say = (text, bad) => {
    const message = box.querySelector(".rm-progress__message");
    message.textContent = text;
    message.classList.toggle("is-error", Boolean(bad));
  };
  const file = el("input", { type: "file", accept: ".json,application/json", hidden: true, "data-rm-import": true });
  const exportButton = button("export", "Export progress");
  exportButton.addEventListener("click", () => {
    download(`ml-roadmap-progress-${today()}.json`, "application/json", exportProgress(exportFields()));
    say("Saved your progress as a file. Import it in another browser to continue there.");
  });
  const importButton = button("import", "Import progress");
  importButton.addEventListener("click", () => file.click());
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (!chosen) {
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      // Old ids of renamed topics (roadmap.json) count as their topic's: an old file imports too.
      loadRoadmap()
        .then(
          (data) => data.moves,
          () => ({})
        )
        .then((moves) => {
          try {
            const text = String(reader.result);
            const result = importProgress(text, topicIds(roadmap), moves);
            const extra = importFields(JSON.parse(text), topicIds(roadmap));
            const more =
              extra.notes || extra.answers ? ` Notes on ${extra.notes} topics, ${extra.answers} quiz answers.` : "";
            say(`Imported ${result.total} done topics, ${result.added} of them new here.${more}`);
          } catch (error) {
            say(error.message, true);
          }
          file.value = "";
        });
    };
    reader.onerror = () => say("That file could not be read.", true);
    reader.readAsText(chosen);
  });
  const resetButton = button("reset", "Reset");
  resetButton.addEventListener("click", () => {
    if (window.confirm(RESET_QUESTION)) {
      resetProgress();
      say("Progress reset.");
    }
  });
  return el("div", { class: "rm-progress__actions" }, [exportButton, importButton, file, resetButton]);
}
