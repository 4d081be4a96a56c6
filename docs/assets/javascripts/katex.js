// Render the maths that pymdownx.arithmatex (generic mode) leaves in a page, with KaTeX.
// KaTeX's script and stylesheet are loaded only when a page has maths, once per visit, and
// rendering runs on every page view, including Material's instant navigation (document$).
//
// A classic script, not a module like the rest of this folder: it needs nothing from them, and
// so the maths still shows in a built site opened from disk (file://), where browsers refuse
// to load modules.
(() => {
  const base = document.currentScript.src.replace(/javascripts\/katex\.js(\?.*)?$/, "vendor/katex/");
  let loading = null;

  function loadKatex() {
    if (loading) {
      return loading;
    }
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = `${base}katex.min.css`;
    document.head.appendChild(style);
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = `${base}katex.min.js`;
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
  } else {
    document.addEventListener("DOMContentLoaded", renderMaths);
  }
})();
