// Render the maths that pymdownx.arithmatex (generic mode) leaves in a page, with KaTeX.
// KaTeX's script and stylesheet are loaded only when a page has maths, once per visit, and
// rendering runs on every page view, including Material's instant navigation (document$).
const BASE = new URL("../vendor/katex/", import.meta.url).href;

let loading = null;

function loadKatex() {
  if (loading) {
    return loading;
  }
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = `${BASE}katex.min.css`;
  document.head.appendChild(style);
  loading = new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `${BASE}katex.min.js`;
    script.onload = resolve;
    script.onerror = reject;
    document.head.appendChild(script);
  });
  return loading;
}

function renderMaths() {
  const elements = document.querySelectorAll(".arithmatex");
  if (elements.length === 0) {
    return;
  }
  loadKatex().then(() => {
    for (const element of elements) {
      if (element.querySelector(".katex")) {
        continue;
      }
      const display = element.tagName === "DIV";
      const source = element.textContent
        .trim()
        .replace(/^\\[([]/, "")
        .replace(/\\[)\]]$/, "");
      window.katex.render(source, element, { displayMode: display, throwOnError: false });
    }
  });
}

if (window.document$) {
  window.document$.subscribe(renderMaths);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", renderMaths);
} else {
  renderMaths();
}
