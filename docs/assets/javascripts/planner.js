// The study planner page ([data-rm-planner], docs/planner.md): hours a week and a start date turn
// the roadmap into dated weeks, shown on the page and saved as a calendar or a spreadsheet. The
// plan itself is plan.js and plan-files.js; this is the page's thin DOM side.
import { download, el } from "./dom.js";
import { makePlan, nextMonday, plannerSettings, status } from "./plan.js";
import { calendar, spreadsheet } from "./plan-files.js";
import { doneTopics } from "./progress.js";
import { loadRoadmap } from "./roadmap-data.js";
import { readText, writeText } from "./storage.js";

const SETTINGS = "ml-roadmap.planner";
const LONG = { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
const SHORT = { day: "numeric", month: "short", timeZone: "UTC" };
const SHORT_YEAR = { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };
const NOTES = { "start and finish": "", start: ", starts", finish: ", finishes", continue: ", continues" };

function loadSettings() {
  try {
    return JSON.parse(readText(SETTINGS)) || {};
  } catch {
    return {};
  }
}

function longDate(date) {
  return date.toLocaleDateString("en-GB", LONG);
}

function dates(week) {
  const sameYear = week.start.getUTCFullYear() === week.end.getUTCFullYear();
  const from = week.start.toLocaleDateString("en-GB", sameYear ? SHORT : SHORT_YEAR);
  return `${from} to ${week.end.toLocaleDateString("en-GB", SHORT_YEAR)}`;
}

function leftOut(skipped) {
  if (skipped === 1) {
    return " Leaves out the topic you have marked as done.";
  }
  return skipped ? ` Leaves out the ${skipped} topics you have marked as done.` : "";
}

function downloads(plan, phases) {
  const ics = el("button", {
    type: "button",
    class: "md-button md-button--primary",
    "data-rm-download": "ics",
    text: "Add to your calendar (.ics)",
  });
  ics.addEventListener("click", () =>
    download("ml-roadmap-plan.ics", "text/calendar", calendar(plan, phases, new Date()))
  );
  const csv = el("button", {
    type: "button",
    class: "md-button",
    "data-rm-download": "csv",
    text: "Download as a spreadsheet (.csv)",
  });
  csv.addEventListener("click", () => download("ml-roadmap-plan.csv", "text/csv", spreadsheet(plan, phases)));
  return el("div", { class: "rm-planner__downloads" }, [ics, csv]);
}

function weekRow(week, done, phases, numbers) {
  const items = week.items.map((item) => {
    const { topic } = item;
    const note = NOTES[status(item)];
    return el("li", { "data-topic": topic.id, class: done[topic.id] ? "is-done" : null }, [
      el("span", { class: "rm-plan__phase", title: phases[topic.phase], text: `P${numbers[topic.phase]}` }),
      " ",
      el("a", { href: topic.url, text: topic.title }),
      el("span", { class: "rm-plan__hours", text: ` ${item.hours} h${note}` }),
    ]);
  });
  return el("tr", { "data-week": String(week.number) }, [
    el("th", { scope: "row", text: String(week.number) }),
    el("td", { class: "rm-plan__dates", text: dates(week) }),
    el("td", {}, [el("ul", { class: "rm-plan__items" }, items)]),
  ]);
}

function table(rows) {
  const head = ["Week", "Dates", "Study"].map((text) => el("th", { scope: "col", text }));
  return el("div", { class: "rm-plan__wrap", tabindex: "0", role: "region", "aria-label": "Your weekly plan" }, [
    el("table", { class: "rm-plan" }, [el("thead", {}, [el("tr", {}, head)]), el("tbody", {}, rows)]),
  ]);
}

function render(box, roadmap, settings) {
  const result = box.querySelector(".rm-planner__result");
  const done = doneTopics();
  const topics = roadmap.topics.filter((topic) => !(settings.skipDone && done[topic.id]));
  const phases = Object.fromEntries(roadmap.phases.map((phase) => [phase.id, phase.title]));
  const numbers = Object.fromEntries(roadmap.phases.map((phase) => [phase.id, phase.number]));
  if (!topics.length) {
    result.replaceChildren(el("p", { text: "Every topic is marked as done: there is nothing left to plan." }));
    return;
  }
  const start = new Date(`${settings.start}T00:00:00Z`);
  const plan = makePlan(topics, settings.hours, start);
  const last = plan.weeks[plan.weeks.length - 1];
  const size = `${topics.length} topics, ${plan.hours} hours: ${plan.weeks.length} weeks at ${settings.hours} hours a week,`;
  const span = ` from ${longDate(start)} to ${longDate(last.end)}.${leftOut(roadmap.topics.length - topics.length)}`;
  result.replaceChildren(
    el("p", { class: "rm-planner__summary" }, [el("strong", { text: size }), span]),
    downloads(plan, phases),
    table(plan.weeks.map((week) => weekRow(week, done, phases, numbers)))
  );
}

/** Bind the planner on this page, once; show the saved settings' plan. */
export function initPlanner() {
  const box = document.querySelector("[data-rm-planner]");
  if (!box || box.getAttribute("data-rm-bound")) {
    return;
  }
  box.setAttribute("data-rm-bound", "1");
  const form = box.querySelector("form");
  const { hours, start, skipDone } = form.elements;
  const saved = loadSettings();
  hours.value = saved.hours || hours.value;
  start.value = saved.start || nextMonday(new Date());
  if (typeof saved.skipDone === "boolean") {
    skipDone.checked = saved.skipDone;
  }
  box.classList.add("is-ready");
  // The form's own bounds; a blank entry means the pace the roadmap's estimates assume.
  const limits = { min: Number(hours.min), max: Number(hours.max) };
  const settings = (fallback) =>
    plannerSettings(
      { hours: hours.value, start: start.value, skipDone: skipDone.checked },
      { ...limits, fallback },
      nextMonday(new Date())
    );
  const update = () =>
    loadRoadmap().then(
      (roadmap) => render(box, roadmap, settings(roadmap.hoursPerWeek)),
      (error) => {
        box.querySelector(".rm-planner__result").textContent =
          `The plan could not be made: the roadmap's data did not load (${error.message}).`;
      }
    );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // Saved at once, not when the roadmap's data arrives: a reload straight after still finds it.
    writeText(SETTINGS, JSON.stringify(settings(Number(hours.defaultValue))));
    update();
  });
  update();
}
