// The "My notes" page ([data-rm-notes-page]): every note kept in this browser, with links back to
// its topic (titles and URLs from roadmap.json), and a Markdown download of all of them.
import { download, el } from "./dom.js";
import { allNotes } from "./learner-store.js";
import { notedTopics, notesMarkdown } from "./notes-export.js";
import { loadRoadmap } from "./roadmap-data.js";
import { ROOT } from "./site.js";

function noteItem({ topic, note }) {
  const heading = topic.url
    ? el("a", { href: topic.url, text: topic.title })
    : `${topic.title} (no longer on the roadmap)`;
  const parts = [el("h2", { class: "rm-my-notes__title" }, [heading])];
  if (note.text.trim()) {
    parts.push(el("p", { class: "rm-my-notes__text", text: note.text }));
  }
  if (note.links.length) {
    parts.push(
      el(
        "ul",
        { class: "rm-my-notes__links" },
        note.links.map((link) =>
          el("li", {}, [el("a", { href: link.url, rel: "noopener noreferrer", text: link.title })])
        )
      )
    );
  }
  return el("li", { class: "rm-my-notes__item", "data-topic": topic.id }, parts);
}

/** Fill `box` with the notes, in roadmap order. */
export function renderNotesPage(box, roadmap) {
  const notes = allNotes();
  const entries = notedTopics(notes, roadmap);
  const button = el("button", { type: "button", class: "md-button", text: "Download as Markdown" });
  button.addEventListener("click", () => {
    const now = new Date().toISOString();
    download(`ml-roadmap-notes-${now.slice(0, 10)}.md`, "text/markdown", notesMarkdown(notes, roadmap, ROOT, now));
  });
  const count = entries.length === 1 ? "Notes on 1 topic." : `Notes on ${entries.length} topics.`;
  box.replaceChildren(
    el("p", {
      class: "rm-my-notes__count",
      text: entries.length ? count : "No notes yet: write some on a topic page.",
    }),
    el("p", { class: "rm-my-notes__actions" }, [button]),
    el("ol", { class: "rm-my-notes__list" }, entries.map(noteItem))
  );
  box.classList.add("is-ready");
}

/** Show the notes on the page that has a [data-rm-notes-page] box; false on other pages. */
export function initNotesPage() {
  const box = document.querySelector("[data-rm-notes-page]");
  if (!box) {
    return false;
  }
  loadRoadmap()
    .then((roadmap) => renderNotesPage(box, roadmap))
    .catch((error) => {
      box.textContent = `Your notes could not be listed: the roadmap's data did not load (${error.message}).`;
      box.classList.add("is-ready");
    });
  return true;
}
