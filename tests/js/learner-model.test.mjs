// Notes and quiz answers as data (learner-model.js): cleaning untrusted data, merging, renaming.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  cleanCard,
  cleanNotes,
  cleanQuiz,
  fromText,
  LIMITS,
  mergeNotes,
  mergeQuiz,
  renameTopicIds,
  safeUrl,
  VERSION,
  withCard,
  withNote,
} from "../../docs/assets/javascripts/learner-model.js";
import { HUGE, hostileExport } from "./hostile.mjs";

const NOW = "2026-03-02T09:00:00.000Z";
const EARLY = "2026-01-05T10:00:00.000Z";
const KNOWN = new Set(["k-means", "linear-algebra", "calculus"]);
const accept = (id) => KNOWN.has(id);
const plain = (value) => JSON.parse(JSON.stringify(value)); // null-prototype records as plain objects

describe("links the learner keeps", () => {
  test("only absolute http and https addresses, normalised", () => {
    assert.equal(safeUrl("https://example.org/a b"), "https://example.org/a%20b");
    assert.equal(safeUrl(" http://example.org "), "http://example.org/");
    for (const bad of [
      "javascript:alert(1)",
      "  JavaScript:alert(1)",
      "data:text/html,<script>",
      "vbscript:x",
      "file:///etc/passwd",
      "/relative",
      "example.org",
      "",
      null,
      42,
      `https://example.org/${"x".repeat(LIMITS.url)}`,
    ]) {
      assert.equal(safeUrl(bad), null, String(bad));
    }
  });
});

describe("notes", () => {
  test("a note is saved with its date and dropped when emptied", () => {
    const saved = withNote({ version: VERSION, topics: {} }, "k-means", { text: "Scale first!", links: [] }, NOW);
    assert.deepEqual(plain(saved), {
      version: VERSION,
      topics: { "k-means": { text: "Scale first!", links: [], updated: NOW } },
    });
    assert.deepEqual(plain(withNote(saved, "k-means", { text: "  ", links: [] }, NOW)).topics, {});
  });

  test("unsafe links are dropped when a note is saved, and titles default to the address", () => {
    const links = [
      { title: "", url: "https://example.org" },
      { title: "x", url: "javascript:alert(1)" },
    ];
    const saved = withNote({ version: VERSION, topics: {} }, "k-means", { text: "", links }, NOW);
    assert.deepEqual(plain(saved.topics["k-means"].links), [
      { title: "https://example.org/", url: "https://example.org/" },
    ]);
  });

  test("saved text of any kind becomes a state; unreadable text is no notes", () => {
    for (const text of [null, "", "{", "null", "42", "[]", '"x"']) {
      assert.deepEqual(plain(fromText(text, cleanNotes, NOW)), { version: VERSION, topics: {} }, String(text));
    }
  });
});

describe("a hostile export file", () => {
  const data = JSON.parse(hostileExport());

  test("keeps nothing that could run, pollute or swell", () => {
    const notes = cleanNotes({ topics: data.notes }, accept, NOW);
    assert.deepEqual(Object.keys(notes.topics), ["k-means"]);
    const note = notes.topics["k-means"];
    assert.equal(note.text.length, LIMITS.text); // cut, and kept as text: never parsed
    assert.ok(note.text.startsWith("<script>"));
    assert.deepEqual(
      note.links.map((link) => link.url),
      ["https://example.org/a?b=%3Cc%3E", "https://example.org/long"]
    );
    assert.equal(note.links[1].title.length, LIMITS.title);
    assert.equal(note.updated, NOW); // a date that is not a date string
    assert.equal({}.polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
  });

  test("quiz cards are rebuilt field by field", () => {
    const quiz = cleanQuiz({ topics: data.quiz }, accept, NOW);
    assert.deepEqual(Object.keys(quiz.topics), ["k-means", "linear-algebra"]);
    assert.deepEqual(Object.keys(quiz.topics["k-means"]), ["q1"]);
    assert.deepEqual(quiz.topics["k-means"].q1, { box: 5, due: NOW, seen: NOW, right: false, answers: 1 });
    assert.deepEqual(Object.keys(quiz.topics["linear-algebra"]), []);
    assert.equal({}.polluted, undefined);
    assert.equal(cleanCard("x", NOW), null);
  });

  test("a huge string is never kept whole", () => {
    const notes = cleanNotes({ topics: { "k-means": { text: HUGE } } }, accept, NOW);
    assert.equal(notes.topics["k-means"].text.length, LIMITS.text);
  });
});

describe("merging an import into what is saved", () => {
  test("notes on the same topic are joined, links kept once", () => {
    const local = withNote(
      { version: VERSION, topics: {} },
      "k-means",
      { text: "Mine", links: [{ title: "a", url: "https://a.org/" }] },
      EARLY
    );
    const incoming = cleanNotes(
      {
        topics: {
          "k-means": {
            text: "Theirs",
            links: [
              { title: "a2", url: "https://a.org/" },
              { title: "b", url: "https://b.org/" },
            ],
          },
          calculus: { text: "New" },
        },
      },
      accept,
      NOW
    );
    const { state, count } = mergeNotes(local, incoming);
    assert.equal(count, 2);
    assert.equal(state.topics["k-means"].text, "Mine\n\nTheirs");
    assert.deepEqual(
      state.topics["k-means"].links.map((l) => l.url),
      ["https://a.org/", "https://b.org/"]
    );
    assert.equal(state.topics.calculus.text, "New");
    assert.equal(mergeNotes(state, incoming).state.topics["k-means"].text, "Mine\n\nTheirs"); // idempotent
  });

  test("for the same question the later answer wins", () => {
    const local = withCard({ version: VERSION, topics: {} }, "k-means", "q1", {
      box: 3,
      due: NOW,
      seen: NOW,
      right: true,
      answers: 3,
    });
    const incoming = cleanQuiz(
      {
        topics: {
          "k-means": {
            q1: { box: 1, due: EARLY, seen: EARLY, right: false, answers: 1 },
            q2: { box: 2, due: NOW, seen: NOW, right: true, answers: 2 },
          },
        },
      },
      accept,
      NOW
    );
    const { state, count } = mergeQuiz(local, incoming);
    assert.equal(count, 2);
    assert.equal(state.topics["k-means"].q1.box, 3);
    assert.equal(state.topics["k-means"].q2.box, 2);
  });
});

describe("renameTopicIds: notes and answers follow a topic that moved", () => {
  const notes = {
    version: VERSION,
    topics: {
      old: { text: "Old notes", links: [{ title: "a", url: "https://a.org/" }], updated: EARLY },
      new: { text: "New notes", links: [], updated: NOW },
      other: { text: "Untouched", links: [], updated: NOW },
      split: { text: "Moves", links: [], updated: NOW },
    },
  };
  const quiz = {
    version: VERSION,
    topics: {
      old: { q1: { box: 2, due: NOW, seen: EARLY, right: true, answers: 2 } },
      new: {
        q1: { box: 4, due: NOW, seen: NOW, right: true, answers: 4 },
        q2: { box: 1, due: NOW, seen: NOW, right: false, answers: 1 },
      },
    },
  };

  test("an old id is renamed; a merge into an id that has data joins notes and keeps the latest answers", () => {
    const result = renameTopicIds({ notes, quiz }, { old: "new", split: "moved" });
    assert.deepEqual(Object.keys(result.notes.topics).sort(), ["moved", "new", "other"]);
    assert.equal(result.notes.topics.new.text, "Old notes\n\nNew notes");
    assert.deepEqual(
      result.notes.topics.new.links.map((l) => l.url),
      ["https://a.org/"]
    );
    assert.equal(result.notes.topics.moved.text, "Moves");
    assert.deepEqual(Object.keys(result.quiz.topics), ["new"]);
    assert.equal(result.quiz.topics.new.q1.box, 4);
    assert.equal(result.quiz.topics.new.q2.box, 1);
  });

  test("it is pure: the input is unchanged, an empty mapping changes nothing, unsafe targets are ignored", () => {
    const before = JSON.stringify({ notes, quiz });
    const same = renameTopicIds({ notes, quiz }, {});
    assert.deepEqual(plain(same), JSON.parse(before));
    renameTopicIds({ notes, quiz }, { old: "__proto__", new: "constructor" });
    assert.equal(JSON.stringify({ notes, quiz }), before);
    assert.deepEqual(Object.keys(renameTopicIds({ notes }, { old: "__proto__" }).notes.topics).sort(), [
      "new",
      "old",
      "other",
      "split",
    ]);
    assert.equal({}.polluted, undefined);
  });

  test("either part may be missing", () => {
    assert.deepEqual(Object.keys(renameTopicIds({ quiz }, { old: "x" })), ["quiz"]);
    assert.deepEqual(renameTopicIds({}, { old: "x" }), {});
  });
});
