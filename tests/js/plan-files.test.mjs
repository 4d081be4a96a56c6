import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { makePlan } from "../../docs/assets/javascripts/plan.js";
import { calendar, csvCell, fold, icsText, spreadsheet } from "../../docs/assets/javascripts/plan-files.js";
import { roadmap } from "./fixtures.mjs";

const MONDAY = new Date("2027-01-04T00:00:00Z");
const NOW = new Date("2026-12-01T08:30:15.123Z");
const PHASES = { one: "Phase 1: One", two: "Phase 2: Two" };

describe("calendar", () => {
  const plan = makePlan(roadmap().topics, 10, MONDAY);
  const text = calendar(plan, PHASES, NOW);
  const lines = text.split("\r\n");

  test("is one VCALENDAR with an event per topic, lines ending in CRLF", () => {
    assert.ok(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert.ok(text.endsWith("END:VCALENDAR\r\n"));
    assert.equal(lines.filter((line) => line === "BEGIN:VEVENT").length, 4);
    assert.ok(!/[^\r]\n/.test(text), "a bare LF");
  });

  test("an event covers the topic's weeks, all day, and says which weeks", () => {
    const b = text.slice(text.indexOf("UID:b-"), text.indexOf("END:VEVENT", text.indexOf("UID:b-")));
    assert.match(b, /^UID:b-20270111@ml-roadmap\r\n/);
    assert.match(b, /\r\nDTSTAMP:20261201T083015Z\r\n/);
    assert.match(b, /\r\nDTSTART;VALUE=DATE:20270111\r\n/);
    assert.match(b, /\r\nDTEND;VALUE=DATE:20270125\r\n/); // the day after week 3's Sunday
    assert.match(b, /\r\nSUMMARY:Study: Topic b\r\n/);
    assert.match(
      b.replace(/\r\n /g, ""),
      /DESCRIPTION:Phase 1: One\. About 12 hours\\, in weeks 2-3 of your plan\.\\n/
    );
    const a = text.slice(text.indexOf("UID:a-"), text.indexOf("END:VEVENT", text.indexOf("UID:a-")));
    assert.match(a.replace(/\r\n /g, ""), /in week 1 of your plan\./);
  });

  test("no line is longer than 75 octets", () => {
    const long = roadmap();
    long.topics[0].title = `${"Ünïcödé ".repeat(20)}title`;
    const folded = calendar(makePlan(long.topics, 10, MONDAY), PHASES, NOW);
    for (const line of folded.split("\r\n")) {
      assert.ok(new TextEncoder().encode(line).length <= 75, line);
    }
    assert.ok(folded.replace(/\r\n /g, "").includes(`SUMMARY:Study: ${long.topics[0].title}`));
  });
});

test("icsText escapes backslashes, semicolons, commas and line breaks", () => {
  assert.equal(icsText("a\\b;c,d\r\ne\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
});

test("fold splits at 75 octets, then 74 after the leading space, never inside a character", () => {
  assert.equal(fold("x".repeat(75)), "x".repeat(75));
  assert.equal(fold("x".repeat(76)), `${"x".repeat(75)}\r\n x`);
  assert.equal(fold("x".repeat(150)), `${"x".repeat(75)}\r\n ${"x".repeat(74)}\r\n x`);
  const emoji = fold(`${"x".repeat(73)}😀`); // 73 + 4 octets: the emoji moves whole
  assert.equal(emoji, `${"x".repeat(73)}\r\n 😀`);
});

describe("spreadsheet", () => {
  test("has a header and one row per topic and week, with the week's share of hours", () => {
    const rows = spreadsheet(makePlan(roadmap().topics, 10, MONDAY), PHASES).split("\r\n");
    assert.equal(rows[0], "Week,Week start,Week end,Phase,Topic,Hours this week,Topic hours,Status,Page");
    assert.equal(rows.at(-1), "");
    assert.deepEqual(rows.slice(1, -1), [
      "1,2027-01-04,2027-01-10,Phase 1: One,Topic a,6,6,start and finish,https://example.org/ml-roadmap/phase/a/",
      "1,2027-01-04,2027-01-10,Phase 2: Two,Topic c,4,4,start and finish,https://example.org/ml-roadmap/phase/c/",
      "2,2027-01-11,2027-01-17,Phase 1: One,Topic b,10,12,start,https://example.org/ml-roadmap/phase/b/",
      "3,2027-01-18,2027-01-24,Phase 1: One,Topic b,2,12,finish,https://example.org/ml-roadmap/phase/b/",
      "3,2027-01-18,2027-01-24,Phase 2: Two,Topic d,3,3,start and finish,https://example.org/ml-roadmap/phase/d/",
    ]);
  });

  test("cells with quotes, commas or line breaks are quoted, others left as they are", () => {
    assert.equal(csvCell('Say "hi", then\nbye'), '"Say ""hi"", then\nbye"');
    assert.equal(csvCell("plain"), "plain");
    assert.equal(csvCell(12.5), "12.5");
  });
});
