// Small DOM helpers shared by the page code. Text is always set as text, never parsed as HTML.
import { percent } from "./summaries.js";

/**
 * A new element: `attributes` are set as attributes (true gives an empty one; null, undefined
 * and false none), except `text`, which becomes its text; `children` are nodes or strings.
 */
export function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") {
      node.textContent = value;
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? "" : value);
    }
  }
  for (const child of children) {
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** A progress bar of `part` out of `whole`, named `label` and read out as `text`. */
export function bar(label, part, whole, text) {
  const value = percent(part, whole);
  const fill = el("span", { class: "rm-bar__fill" });
  fill.style.width = `${value}%`;
  const attributes = {
    class: "rm-bar",
    role: "progressbar",
    "aria-label": label,
    "aria-valuemin": "0",
    "aria-valuemax": "100",
    "aria-valuenow": String(value),
    "aria-valuetext": text,
  };
  return el("span", attributes, [fill]);
}

/** Save text as a file, through a detached link that nothing else on the page sees clicked. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  el("a", { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
