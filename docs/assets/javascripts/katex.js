// Render the maths that pymdownx.arithmatex (generic mode) leaves in the page with KaTeX.
// Runs on every page load, including Material's instant navigation (document$).
(function () {
  "use strict";

  function renderMaths(root) {
    if (typeof katex === "undefined") {
      return;
    }
    root.querySelectorAll(".arithmatex").forEach(function (element) {
      var source = element.textContent.trim();
      var display = element.tagName === "DIV";
      // Strip the \( \) or \[ \] delimiters arithmatex writes around the TeX.
      source = source.replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
      katex.render(source, element, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { renderMaths(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { renderMaths(document.body); });
  }
})();
