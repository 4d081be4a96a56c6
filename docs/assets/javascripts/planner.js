// ML Roadmap: the study planner. Hours a week and a start date turn the roadmap into dated weeks,
// shown on the page and saved as a calendar (.ics) or a spreadsheet (.csv).
//
// Loaded by progress.js on the planner page only; uses its window.mlRoadmap (data, progress,
// download). Topics keep the roadmap's order, moved later only when a prerequisite comes after
// them; a topic longer than what is left of a week carries on into the next weeks.
(function () {
  "use strict";

  const api = window.mlRoadmap;
  const SETTINGS = "ml-roadmap.planner";
  const DAY = 24 * 60 * 60 * 1000;
  const LONG = { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
  const SHORT = { day: "numeric", month: "short", timeZone: "UTC" };
  const SHORT_YEAR = { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };

  // ------------------------------------------------------------------------------------------
  // The plan (pure)
  // ------------------------------------------------------------------------------------------

  // Roadmap order, except that a topic never comes before one of its prerequisites.
  function studyOrder(topics) {
    const position = {};
    topics.forEach(function (topic, index) {
      position[topic.id] = index;
    });
    const placed = {};
    const order = [];
    let waiting = topics.slice();
    while (waiting.length) {
      const next = waiting.filter(function (topic) {
        return topic.prerequisites.every(function (id) {
          return placed[id] || position[id] === undefined;
        });
      })[0] || waiting[0]; // a cycle cannot happen (the build rejects it), but never loop forever
      placed[next.id] = true;
      order.push(next);
      waiting = waiting.filter(function (topic) {
        return topic !== next;
      });
    }
    return order;
  }

  // Weeks of `hoursPerWeek` hours from `start` (a UTC date), filled with topics in study order.
  function makePlan(topics, hoursPerWeek, start) {
    const weeks = [];
    const spans = [];
    let week = null;
    let left = 0;
    function openWeek() {
      const from = new Date(start.getTime() + weeks.length * 7 * DAY);
      week = { number: weeks.length + 1, start: from, end: new Date(from.getTime() + 6 * DAY), items: [] };
      weeks.push(week);
      left = hoursPerWeek;
    }
    studyOrder(topics).forEach(function (topic) {
      let remaining = topic.hours;
      const span = { topic: topic, first: null, last: null };
      while (remaining > 0) {
        if (!week || left <= 0) {
          openWeek();
        }
        const hours = Math.min(left, remaining);
        remaining -= hours;
        left -= hours;
        week.items.push({ topic: topic, hours: round(hours), starts: span.first === null, ends: remaining <= 0 });
        span.first = span.first || week;
        span.last = week;
      }
      spans.push(span);
    });
    return { weeks: weeks, spans: spans, hours: topics.reduce(function (sum, t) { return sum + t.hours; }, 0) };
  }

  function round(hours) {
    return Math.round(hours * 10) / 10;
  }

  // ------------------------------------------------------------------------------------------
  // Files
  // ------------------------------------------------------------------------------------------
  function ymd(date) {
    return date.toISOString().slice(0, 10).replace(/-/g, "");
  }

  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  // Fold a content line at 75 octets, as RFC 5545 asks.
  function fold(line) {
    const encoder = new TextEncoder();
    const out = [];
    let current = "";
    Array.from(line).forEach(function (char) {
      if (encoder.encode(current + char).length > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
      }
      current += char;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function calendar(plan, phases) {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//ML Roadmap//Study planner//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:ML Roadmap study plan",
    ];
    plan.spans.forEach(function (span) {
      const topic = span.topic;
      const weeks = span.last.number - span.first.number + 1;
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + topic.id + "-" + ymd(span.first.start) + "@ml-roadmap",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + ymd(span.first.start),
        "DTEND;VALUE=DATE:" + ymd(new Date(span.last.end.getTime() + DAY)),
        "SUMMARY:" + icsText("Study: " + topic.title),
        "DESCRIPTION:" +
          icsText(
            phases[topic.phase] + ". About " + topic.hours + " hours, in week" + (weeks > 1 ? "s " : " ") +
              span.first.number + (weeks > 1 ? "-" + span.last.number : "") + " of your plan.\n" + topic.url
          ),
        "URL:" + topic.url,
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function csvCell(value) {
    const text = String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function spreadsheet(plan, phases) {
    const rows = [["Week", "Week start", "Week end", "Phase", "Topic", "Hours this week", "Topic hours", "Status", "Page"]];
    plan.weeks.forEach(function (week) {
      week.items.forEach(function (item) {
        rows.push([
          week.number,
          week.start.toISOString().slice(0, 10),
          week.end.toISOString().slice(0, 10),
          phases[item.topic.phase],
          item.topic.title,
          item.hours,
          item.topic.hours,
          item.starts && item.ends ? "start and finish" : item.starts ? "start" : item.ends ? "finish" : "continue",
          item.topic.url,
        ]);
      });
    });
    return rows.map(function (row) {
      return row.map(csvCell).join(",");
    }).join("\r\n") + "\r\n";
  }

  // ------------------------------------------------------------------------------------------
  // The page
  // ------------------------------------------------------------------------------------------
  function nextMonday() {
    const now = new Date();
    const date = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
    const add = (8 - date.getUTCDay()) % 7;
    return new Date(date.getTime() + add * DAY).toISOString().slice(0, 10);
  }

  function loadSettings() {
    try {
      return JSON.parse(window.localStorage.getItem(SETTINGS)) || {};
    } catch (error) {
      return {};
    }
  }

  function saveSettings(settings) {
    try {
      window.localStorage.setItem(SETTINGS, JSON.stringify(settings));
    } catch (error) {
      // nothing to do: the plan still shows, it is just not remembered
    }
  }

  function dates(week) {
    const sameYear = week.start.getUTCFullYear() === week.end.getUTCFullYear();
    return (
      week.start.toLocaleDateString("en-GB", sameYear ? SHORT : SHORT_YEAR) + " to " +
      week.end.toLocaleDateString("en-GB", SHORT_YEAR)
    );
  }

  function render(box, roadmap, settings) {
    const el = api.el;
    const result = box.querySelector(".rm-planner__result");
    const done = api.progress.done();
    const topics = roadmap.topics.filter(function (topic) {
      return !(settings.skipDone && done[topic.id]);
    });
    const phases = {};
    const numbers = {};
    roadmap.phases.forEach(function (phase) {
      phases[phase.id] = phase.title;
      numbers[phase.id] = phase.number;
    });
    result.textContent = "";
    if (!topics.length) {
      result.appendChild(el("p", { text: "Every topic is marked as done: there is nothing left to plan." }));
      return;
    }
    const start = new Date(settings.start + "T00:00:00Z");
    const plan = makePlan(topics, settings.hours, start);
    const last = plan.weeks[plan.weeks.length - 1];
    const skipped = roadmap.topics.length - topics.length;
    result.appendChild(
      el("p", { class: "rm-planner__summary" }, [
        el("strong", {
          text:
            topics.length + " topics, " + plan.hours + " hours: " + plan.weeks.length + " weeks at " + settings.hours +
            " hours a week,",
        }),
        " from " + start.toLocaleDateString("en-GB", LONG) + " to " + last.end.toLocaleDateString("en-GB", LONG) + "." +
          (skipped === 1 ? " Leaves out the topic you have marked as done." : skipped ? " Leaves out the " + skipped + " topics you have marked as done." : ""),
      ])
    );
    const ics = el("button", { type: "button", class: "md-button md-button--primary", "data-rm-download": "ics", text: "Add to your calendar (.ics)" });
    ics.addEventListener("click", function () {
      api.download("ml-roadmap-plan.ics", "text/calendar", calendar(plan, phases));
    });
    const csv = el("button", { type: "button", class: "md-button", "data-rm-download": "csv", text: "Download as a spreadsheet (.csv)" });
    csv.addEventListener("click", function () {
      api.download("ml-roadmap-plan.csv", "text/csv", spreadsheet(plan, phases));
    });
    result.appendChild(el("div", { class: "rm-planner__downloads" }, [ics, csv]));
    const rows = plan.weeks.map(function (week) {
      return el("tr", { "data-week": String(week.number) }, [
        el("th", { scope: "row", text: String(week.number) }),
        el("td", { class: "rm-plan__dates", text: dates(week) }),
        el(
          "td",
          {},
          [
            el(
              "ul",
              { class: "rm-plan__items" },
              week.items.map(function (item) {
                const note = item.starts && item.ends ? "" : item.starts ? ", starts" : item.ends ? ", finishes" : ", continues";
                return el("li", { "data-topic": item.topic.id, class: done[item.topic.id] ? "is-done" : null }, [
                  el("span", { class: "rm-plan__phase", title: phases[item.topic.phase], text: "P" + numbers[item.topic.phase] }),
                  " ",
                  el("a", { href: item.topic.url, text: item.topic.title }),
                  el("span", { class: "rm-plan__hours", text: " " + item.hours + " h" + note }),
                ]);
              })
            ),
          ]
        ),
      ]);
    });
    result.appendChild(
      el("div", { class: "rm-plan__wrap", tabindex: "0", role: "region", "aria-label": "Your weekly plan" }, [
        el("table", { class: "rm-plan" }, [
          el("thead", {}, [
            el("tr", {}, [
              el("th", { scope: "col", text: "Week" }),
              el("th", { scope: "col", text: "Dates" }),
              el("th", { scope: "col", text: "Study" }),
            ]),
          ]),
          el("tbody", {}, rows),
        ]),
      ])
    );
  }

  function init() {
    const box = document.querySelector("[data-rm-planner]");
    if (!box || box.getAttribute("data-rm-bound")) {
      return;
    }
    box.setAttribute("data-rm-bound", "1");
    const form = box.querySelector("form");
    const saved = loadSettings();
    form.elements.hours.value = saved.hours || form.elements.hours.value || 10;
    form.elements.start.value = saved.start || nextMonday();
    if (typeof saved.skipDone === "boolean") {
      form.elements.skipDone.checked = saved.skipDone;
    }
    box.classList.add("is-ready");
    function settings() {
      return {
        hours: Math.max(1, Math.min(80, Math.round(Number(form.elements.hours.value) || 10))),
        start: /^\d{4}-\d{2}-\d{2}$/.test(form.elements.start.value) ? form.elements.start.value : nextMonday(),
        skipDone: form.elements.skipDone.checked,
      };
    }
    function update() {
      const current = settings();
      api.loadRoadmap().then(
        function (roadmap) {
          render(box, roadmap, current);
        },
        function (error) {
          box.querySelector(".rm-planner__result").textContent =
            "The plan could not be made: the roadmap's data did not load (" + error.message + ").";
        }
      );
      return current;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      saveSettings(update());
    });
    update();
  }

  window.mlRoadmapPlanner = { makePlan: makePlan, studyOrder: studyOrder, calendar: calendar, spreadsheet: spreadsheet };

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    init();
  }
})();
