// The light/dark toggle in the header (overrides/partials/palette.html). Its inline script has
// already shown the saved or the system's palette (window.rmPalette); this switches on a click
// and follows the system's setting until the reader picks one.

const SAVED = "__palette"; // Material's entry, so a palette picked before this script still holds

function inputsOf(form) {
  return Array.from(form.querySelectorAll("input"));
}

function save(input, index) {
  const color = {};
  for (const key of ["media", "scheme", "primary", "accent"]) {
    color[key] = input.getAttribute(`data-md-color-${key}`);
  }
  window.__md_set?.(SAVED, { index, color });
}

/** Bind the header's palette toggle, once; false when the page has none. */
export function bindPalette(doc = document) {
  const form = doc.querySelector("[data-rm-palette]");
  if (!form || !window.rmPalette || form.getAttribute("data-rm-bound")) {
    return Boolean(form);
  }
  form.setAttribute("data-rm-bound", "1");
  const inputs = inputsOf(form);
  form.addEventListener("change", (event) => {
    const index = inputs.indexOf(event.target);
    if (index >= 0) {
      window.rmPalette(index);
      save(inputs[index], index);
    }
  });
  // Enter on the focused toggle switches too, as Space does on the radio button.
  form.addEventListener("keydown", (event) => {
    const index = inputs.indexOf(event.target);
    if (event.key === "Enter" && index >= 0) {
      event.preventDefault();
      const next = inputs[(index + 1) % inputs.length];
      next.click();
      next.focus();
    }
  });
  for (const input of inputs) {
    const media = matchMedia(input.getAttribute("data-md-color-media"));
    media.addEventListener("change", () => {
      if (!window.__md_get?.(SAVED)) {
        window.rmPalette(window.rmPalette.initial());
      }
    });
  }
  return true;
}
