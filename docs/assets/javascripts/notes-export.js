// The learner's notes as one Markdown file, and as the list the "My notes" page shows: pure
// functions of the notes and the roadmap (titles and URLs come from roadmap.json, by topic id).

/** The topics with notes, in roadmap order, then notes on ids the roadmap no longer has. */
export function notedTopics(notes, roadmap) {
  const known = roadmap.topics.filter((topic) => Object.hasOwn(notes, topic.id));
  const ids = new Set(roadmap.topics.map((topic) => topic.id));
  const unknown = Object.keys(notes)
    .filter((id) => !ids.has(id))
    .sort()
    .map((id) => ({ id, title: id, url: null }));
  return [...known, ...unknown].map((topic) => ({ topic, note: notes[topic.id] }));
}

/** Text safe inside a Markdown link's label: brackets and backslashes escaped, on one line. */
export function linkLabel(text) {
  return text.replace(/\s+/g, " ").replace(/[\\[\]]/g, (character) => `\\${character}`);
}

/** A URL safe inside a Markdown link's parentheses (it is already a normalised http(s) URL). */
export function linkTarget(url) {
  return url.replace(/[()<>\s]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Every note as a Markdown document: a heading per topic linking to it, the text, the links. */
export function notesMarkdown(notes, roadmap, site, now) {
  const lines = ["# My notes from ML Roadmap", "", `Exported on ${now.slice(0, 10)} from ${site}`, ""];
  const entries = notedTopics(notes, roadmap);
  if (!entries.length) {
    lines.push("No notes yet.", "");
  }
  for (const { topic, note } of entries) {
    const title = linkLabel(topic.title);
    lines.push(topic.url ? `## [${title}](${linkTarget(topic.url)})` : `## ${title}`, "");
    if (note.text.trim()) {
      lines.push(note.text.trim(), "");
    }
    if (note.links.length) {
      for (const link of note.links) {
        lines.push(`- [${linkLabel(link.title)}](${linkTarget(link.url)})`);
      }
      lines.push("");
    }
  }
  return lines.join("\n");
}
