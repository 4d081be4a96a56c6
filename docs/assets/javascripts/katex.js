// Render the maths that pymdownx.arithmatex (generic mode) leaves in a page, with KaTeX.
// KaTeX's script and stylesheet are loaded only when a page has maths, once per visit, and
// rendering runs on every page view, including Material's instant navigation (document$).
(function () {
  "use strict";

  var base = document.currentScript.src.replace(/javascripts\/katex\.js(\?.*)?$/, "vendor/katex/");
  var loading = null;

  function loadKatex() {
    if (loading) {
      return loading;
    }
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = base + "katex.min.css";
    document.head.appendChild(style);
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base + "katex.min.js";
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function renderMaths() {
    var elements = document.querySelectorAll(".arithmatex");
    if (elements.length === 0) {
      return;
    }
    loadKatex().then(function () {
      elements.forEach(function (element) {
        if (element.querySelector(".katex")) {
          return;
        }
        var display = element.tagName === "DIV";
        var source = element.textContent.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
        katex.render(source, element, { displayMode: display, throwOnError: false });
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(renderMaths);
  } else {
    document.addEventListener("DOMContentLoaded", renderMaths);
  }
})();
