// Topic pages: the learner's private notes box, and the notes marker on the roadmap's map.
// Built here, so without JavaScript there is no box at all. Whatever the learner types is kept
// and shown as text (value, textContent, setAttribute), never parsed as HTML; links are kept
// only with an http(s) address (learner-model.js) and open with rel="noopener noreferrer".
import { el } from "./dom.js";
import { LIMITS, safeUrl } from "./learner-model.js";
import { allNotes, noteOf, saveNote } from "./learner-store.js";
import { ROOT } from "./site.js";

const SAVE_AFTER_MS = 500;

function linkItem(link, onRemove) {
  const remove = el("button", { type: "button", class: "rm-notes__remove", text: "Remove" });
  remove.setAttribute("aria-label", `Remove link: ${link.title}`);
  remove.addEventListener("click", onRemove);
  const anchor = el("a", { href: link.url, rel: "noopener noreferrer", class: "rm-notes__link", text: link.title });
  return el("li", {}, [anchor, " ", remove]);
}

function field(id, label, attributes) {
  return el("p", { class: "rm-field" }, [
    el("label", { for: id, text: label }),
    " ",
    el("input", { id, ...attributes }),
  ]);
}

/** The notes box of topic `id`. */
function notesBox(id) {
  const note = noteOf(id);
  let links = note.links.slice();
  let timer = null;
  const status = el("p", { class: "rm-notes__status", role: "status" });
  const say = (text, bad) => {
    status.textContent = text;
    status.classList.toggle("is-error", Boolean(bad));
  };
  const text = el("textarea", { id: "rm-notes-text", class: "rm-notes__text", rows: "6", maxlength: LIMITS.text });
  text.value = note.text;
  const save = () => {
    clearTimeout(timer);
    timer = null;
    saveNote(id, { text: text.value, links });
    say("Saved in this browser.");
  };
  text.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  });
  text.addEventListener("blur", () => timer && save());
  const list = el("ul", { class: "rm-notes__links" });
  const showLinks = () => {
    list.replaceChildren(
      ...links.map((link, index) =>
        linkItem(link, () => {
          links = links.filter((_, other) => other !== index);
          save();
          showLinks();
        })
      )
    );
  };
  showLinks();
  const form = el("form", { class: "rm-notes__add" }, [
    field("rm-notes-title", "Link title", { name: "title", maxlength: LIMITS.title, autocomplete: "off" }),
    field("rm-notes-url", "Address (http or https)", { name: "url", type: "url", maxlength: LIMITS.url }),
    el("p", { class: "rm-field rm-field--submit" }, [
      el("button", { type: "submit", class: "md-button", text: "Add link" }),
    ]),
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = safeUrl(form.elements.url.value);
    if (!url) {
      say("Only web addresses that start with http:// or https:// can be kept.", true);
    } else if (links.length >= LIMITS.links) {
      say(`At most ${LIMITS.links} links per topic.`, true);
    } else {
      links = [...links, { title: form.elements.title.value.trim().slice(0, LIMITS.title) || url, url }];
      save();
      showLinks();
      form.reset();
    }
  });
  return el("section", { class: "rm-notes", "aria-labelledby": "rm-notes-heading", "data-search-exclude": true }, [
    el("h2", { id: "rm-notes-heading", text: "My notes" }),
    el("p", { class: "rm-notes__hint" }, [
      "Private: kept in this browser only, with your progress. All of them are on ",
      el("a", { href: `${ROOT}my-notes/`, text: "My notes" }),
      ".",
    ]),
    el("p", { class: "rm-field rm-field--text" }, [
      el("label", { for: "rm-notes-text", text: "Notes on this topic (plain text or Markdown)" }),
      text,
    ]),
    el("h3", { text: "My links" }),
    list,
    form,
    status,
  ]);
}

/** Add the notes box to a topic page (before its closing "Mark as done"); false on other pages. */
export function bindNotes(container) {
  const bottom = container.querySelector(".rm-done--bottom[data-rm-topic]");
  if (!bottom || container.querySelector(".rm-notes")) {
    return false;
  }
  bottom.before(notesBox(bottom.getAttribute("data-rm-topic")));
  return true;
}

/** Mark the topics of `map` that have notes. */
export function paintNoteMarkers(map) {
  const notes = allNotes();
  for (const node of map.querySelectorAll(".rm-node")) {
    const has = Object.hasOwn(notes, node.getAttribute("data-topic"));
    node.classList.toggle("has-notes", has);
    let marker = node.querySelector(".rm-node__notes");
    if (has && !marker) {
      marker = el("span", { class: "rm-node__notes" }, [el("span", { class: "rm-sr", text: ", has your notes" })]);
      node.querySelector(".rm-node__meta").append(marker);
    } else if (!has && marker) {
      marker.remove();
    }
  }
}
