// A study plan as files, with no DOM: a calendar (.ics, RFC 5545) with one event per topic, and
// a spreadsheet (.csv) with one row per topic and week.
import { DAY, status } from "./plan.js";

function ymd(date) {
  return date.toISOString().slice(0, 10).replace(/-/g, "");
}

/** A calendar text value, escaped. */
export function icsText(value) {
  return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** A content line folded at 75 octets, as RFC 5545 asks. */
export function fold(line) {
  const encoder = new TextEncoder();
  const out = [];
  let current = "";
  for (const char of line) {
    if (encoder.encode(current + char).length > (out.length ? 74 : 75)) {
      out.push(current);
      current = "";
    }
    current += char;
  }
  out.push(current);
  return out.join("\r\n ");
}

/** The plan as an iCalendar file; `phases` gives each phase id's title; `now` stamps the events. */
export function calendar(plan, phases, now) {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//ML Roadmap//Study planner//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:ML Roadmap study plan",
  ];
  for (const { topic, first, last } of plan.spans) {
    const many = last.number > first.number;
    const weeks = many ? `weeks ${first.number}-${last.number}` : `week ${first.number}`;
    const description = `${phases[topic.phase]}. About ${topic.hours} hours, in ${weeks} of your plan.\n${topic.url}`;
    lines.push(
      "BEGIN:VEVENT",
      `UID:${topic.id}-${ymd(first.start)}@ml-roadmap`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${ymd(first.start)}`,
      `DTEND;VALUE=DATE:${ymd(new Date(last.end.getTime() + DAY))}`,
      `SUMMARY:${icsText(`Study: ${topic.title}`)}`,
      `DESCRIPTION:${icsText(description)}`,
      `URL:${topic.url}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT"
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/** A spreadsheet cell, quoted when it holds a quote, a comma or a line break. */
export function csvCell(value) {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The plan as a CSV file, one row per topic and week; `phases` gives each phase id's title. */
export function spreadsheet(plan, phases) {
  const rows = [
    ["Week", "Week start", "Week end", "Phase", "Topic", "Hours this week", "Topic hours", "Status", "Page"],
  ];
  for (const week of plan.weeks) {
    for (const item of week.items) {
      rows.push([
        week.number,
        week.start.toISOString().slice(0, 10),
        week.end.toISOString().slice(0, 10),
        phases[item.topic.phase],
        item.topic.title,
        item.hours,
        item.topic.hours,
        status(item),
        item.topic.url,
      ]);
    }
  }
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
