// The Markdown export of all notes and the "My notes" list (notes-export.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { linkLabel, linkTarget, notedTopics, notesMarkdown } from "../../docs/assets/javascripts/notes-export.js";
import { ROOT, roadmap } from "./fixtures.mjs";

const NOW = "2026-03-02T09:00:00.000Z";
const notes = {
  zzz: { text: "On a topic that was removed", links: [], updated: NOW },
  c: {
    text: "Third topic.\n\n- a list\n",
    links: [{ title: "A [great] link", url: "https://example.org/a_(b)" }],
    updated: NOW,
  },
  a: { text: "", links: [{ title: "Only a link", url: "https://example.org/" }], updated: NOW },
};

test("topics with notes come in roadmap order, then ids the roadmap no longer has", () => {
  assert.deepEqual(
    notedTopics(notes, roadmap()).map((entry) => [entry.topic.id, entry.topic.url]),
    [
      ["a", `${ROOT}phase/a/`],
      ["c", `${ROOT}phase/c/`],
      ["zzz", null],
    ]
  );
});

test("the Markdown export has a linked heading per topic, the text, then the links", () => {
  const markdown = notesMarkdown(notes, roadmap(), ROOT, NOW);
  assert.equal(
    markdown,
    [
      "# My notes from ML Roadmap",
      "",
      `Exported on 2026-03-02 from ${ROOT}`,
      "",
      `## [Topic a](${ROOT}phase/a/)`,
      "",
      "- [Only a link](https://example.org/)",
      "",
      `## [Topic c](${ROOT}phase/c/)`,
      "",
      "Third topic.\n\n- a list",
      "",
      "- [A \\[great\\] link](https://example.org/a_%28b%29)",
      "",
      "## zzz",
      "",
      "On a topic that was removed",
      "",
    ].join("\n")
  );
  assert.match(notesMarkdown({}, roadmap(), ROOT, NOW), /No notes yet\./);
});

test("labels and targets cannot break out of a Markdown link", () => {
  assert.equal(linkLabel("a]\n(b) \\"), "a\\] (b) \\\\");
  assert.equal(linkTarget("https://x.org/a b)<c>"), "https://x.org/a%20b%29%3Cc%3E");
});
