// Topic pages: the "Mark as done" checkboxes (overrides/partials/done-*.html).
import { isDone, setDone } from "./progress.js";

/** Show each checkbox of `container` as the saved progress says. */
export function paintToggles(container) {
  for (const box of container.querySelectorAll("[data-rm-topic]")) {
    const done = isDone(box.getAttribute("data-rm-topic"));
    box.classList.toggle("is-done", done);
    box.querySelector("input").checked = done;
    box.querySelector(".rm-done__label").textContent = done ? "Done" : "Mark as done";
  }
}

/**
 * Save progress when a checkbox of `container` changes; false when it has none. A box the learner
 * ticked before this ran (the page shows it before its scripts have loaded) is saved now, so that
 * early click is not lost.
 */
export function bindToggles(container) {
  const boxes = container.querySelectorAll("[data-rm-topic]");
  for (const box of boxes) {
    const input = box.querySelector("input");
    const save = () => setDone(box.getAttribute("data-rm-topic"), input.checked);
    input.addEventListener("change", save);
    if (input.checked !== input.defaultChecked) {
      save();
    }
  }
  return boxes.length > 0;
}
