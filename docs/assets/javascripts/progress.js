// ML Roadmap: the learner's progress, kept in this browser (localStorage): no account, no server.
//
// - Topic pages: the "Mark as done" checkboxes (overrides/partials/done-*.html).
// - The roadmap's map (hooks/mlroadmap/diagram.py): done and ready topics, counts per phase, and
//   the prerequisite lines of the topic under the pointer or keyboard focus.
// - Progress summaries ([data-rm-progress], on the home and roadmap pages), with export to a
//   file and import from one, so a learner can move to another browser.
// - The planner page ([data-rm-planner]) loads planner.js, which uses window.mlRoadmap.
//
// Everything runs again on each page view, including Material's instant navigation (document$).
// Plain ES2017, no dependencies, no requests but this site's own roadmap.json.
(function () {
  "use strict";

  const ROOT = document.currentScript.src.replace(/assets\/javascripts\/progress\.js(\?.*)?$/, "");
  const KEY = "ml-roadmap.progress";
  const FORMAT = "ml-roadmap-progress";
  const VERSION = 1;

  // ------------------------------------------------------------------------------------------
  // Storage: {version, done: {topicId: ISO date it was marked done}}
  // ------------------------------------------------------------------------------------------
  let memory = null; // used when the browser refuses storage (some private modes)
  const listeners = [];

  function emptyState() {
    return { version: VERSION, done: {} };
  }

  function cleanDone(done) {
    const clean = {};
    if (done && typeof done === "object" && !Array.isArray(done)) {
      Object.keys(done).forEach(function (id) {
        if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
          clean[id] = typeof done[id] === "string" ? done[id] : new Date().toISOString();
        }
      });
    }
    return clean;
  }

  function readState() {
    if (memory) {
      return memory;
    }
    try {
      const raw = window.localStorage.getItem(KEY);
      if (!raw) {
        return emptyState();
      }
      const parsed = JSON.parse(raw);
      return { version: VERSION, done: cleanDone(parsed.done) };
    } catch (error) {
      return emptyState();
    }
  }

  function writeState(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      memory = null;
    } catch (error) {
      memory = state;
    }
    listeners.forEach(function (listener) {
      listener();
    });
  }

  const progress = {
    storageWorks: function () {
      try {
        window.localStorage.setItem(KEY + ".test", "1");
        window.localStorage.removeItem(KEY + ".test");
        return true;
      } catch (error) {
        return false;
      }
    },
    done: function () {
      return readState().done;
    },
    isDone: function (id) {
      return Object.prototype.hasOwnProperty.call(readState().done, id);
    },
    setDone: function (id, done) {
      const state = readState();
      if (done) {
        state.done[id] = state.done[id] || new Date().toISOString();
      } else {
        delete state.done[id];
      }
      writeState(state);
    },
    reset: function () {
      writeState(emptyState());
    },
    exportText: function () {
      const data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), site: ROOT, done: readState().done };
      return JSON.stringify(data, null, 2) + "\n";
    },
    // Merge a file made by exportText into what is saved; returns how many topics were new.
    importText: function (text) {
      let data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new Error("That file is not JSON, so it is not a progress export from ML Roadmap.");
      }
      if (!data || data.format !== FORMAT || typeof data.done !== "object") {
        throw new Error("That file is not a progress export from ML Roadmap.");
      }
      if (data.version > VERSION) {
        throw new Error("That file was made by a newer version of ML Roadmap: reload the page and try again.");
      }
      const state = readState();
      const incoming = cleanDone(data.done);
      let added = 0;
      Object.keys(incoming).forEach(function (id) {
        if (!state.done[id]) {
          added += 1;
          state.done[id] = incoming[id];
        } else if (incoming[id] < state.done[id]) {
          state.done[id] = incoming[id];
        }
      });
      writeState(state);
      return { added: added, total: Object.keys(incoming).length };
    },
    onChange: function (listener) {
      listeners.push(listener);
    },
  };

  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) {
      listeners.forEach(function (listener) {
        listener();
      });
    }
  });

  // ------------------------------------------------------------------------------------------
  // The roadmap's data: read from the map when the page has it, else fetched once per visit.
  // ------------------------------------------------------------------------------------------
  let roadmapPromise = null;

  function loadRoadmap() {
    if (!roadmapPromise) {
      roadmapPromise = fetch(ROOT + "roadmap.json", { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("roadmap.json: HTTP " + response.status);
          }
          return response.json();
        })
        .then(fromJson)
        .catch(function (error) {
          roadmapPromise = null;
          throw error;
        });
    }
    return roadmapPromise;
  }

  function fromJson(json) {
    const phases = json.phases.map(function (phase) {
      return {
        id: phase.id,
        number: phase.number,
        title: phase.title,
        url: ROOT + phase.url,
        topics: phase.topics.map(function (topic) {
          return {
            id: topic.id,
            title: topic.title,
            url: ROOT + topic.url,
            hours: topic.effort_hours,
            level: topic.level,
            phase: phase.id,
            prerequisites: topic.prerequisites.slice(),
          };
        }),
      };
    });
    return withTopics(phases);
  }

  function fromMap(map) {
    const phases = Array.prototype.map.call(map.querySelectorAll(".rm-phase"), function (phase, index) {
      const link = phase.querySelector(".rm-phase__title a");
      return {
        id: phase.getAttribute("data-phase"),
        number: index + 1,
        title: link.textContent,
        url: link.href,
        topics: Array.prototype.map.call(phase.querySelectorAll(".rm-node"), function (node) {
          const topicLink = node.querySelector("a");
          return {
            id: node.getAttribute("data-topic"),
            title: topicLink.getAttribute("title"),
            url: topicLink.href,
            hours: Number(node.getAttribute("data-hours")),
            phase: phase.getAttribute("data-phase"),
            prerequisites: (node.getAttribute("data-prerequisites") || "").split(" ").filter(Boolean),
          };
        }),
      };
    });
    return withTopics(phases);
  }

  function withTopics(phases) {
    const topics = [];
    phases.forEach(function (phase) {
      phase.topics.forEach(function (topic) {
        topics.push(topic);
      });
    });
    return { phases: phases, topics: topics };
  }

  // What is done, per phase and overall, and which topics are ready (all prerequisites done).
  function tally(roadmap, done) {
    const known = {};
    roadmap.topics.forEach(function (topic) {
      known[topic.id] = topic;
    });
    function ready(topic) {
      return !done[topic.id] && topic.prerequisites.every(function (id) {
        return done[id] || !known[id];
      });
    }
    function count(topics) {
      const finished = topics.filter(function (topic) {
        return done[topic.id];
      });
      return {
        done: finished.length,
        total: topics.length,
        hoursDone: finished.reduce(function (sum, topic) {
          return sum + topic.hours;
        }, 0),
        hours: topics.reduce(function (sum, topic) {
          return sum + topic.hours;
        }, 0),
      };
    }
    return {
      overall: count(roadmap.topics),
      phases: roadmap.phases.map(function (phase) {
        return { phase: phase, count: count(phase.topics) };
      }),
      ready: ready,
      next: roadmap.topics.filter(ready)[0] || null,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Small DOM helpers
  // ------------------------------------------------------------------------------------------
  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      const value = attributes[name];
      if (name === "text") {
        node.textContent = value;
      } else if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(name, value === true ? "" : value);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function percent(part, whole) {
    return whole ? Math.round((100 * part) / whole) : 0;
  }

  function bar(label, part, whole, text) {
    const value = percent(part, whole);
    const fill = el("span", { class: "rm-bar__fill" });
    fill.style.width = value + "%";
    return el(
      "span",
      {
        class: "rm-bar",
        role: "progressbar",
        "aria-label": label,
        "aria-valuemin": "0",
        "aria-valuemax": "100",
        "aria-valuenow": String(value),
        "aria-valuetext": text,
      },
      [fill]
    );
  }

  // Save text as a file: a detached link, so Material's instant navigation never sees the click.
  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const link = el("a", { href: url, download: name });
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  // ------------------------------------------------------------------------------------------
  // Topic pages: the "Mark as done" checkboxes
  // ------------------------------------------------------------------------------------------
  function paintToggles(container) {
    container.querySelectorAll("[data-rm-topic]").forEach(function (box) {
      const done = progress.isDone(box.getAttribute("data-rm-topic"));
      box.classList.toggle("is-done", done);
      const input = box.querySelector("input");
      input.checked = done;
      box.querySelector(".rm-done__label").textContent = done ? "Done" : "Mark as done";
    });
  }

  function bindToggles(container) {
    const boxes = container.querySelectorAll("[data-rm-topic]");
    boxes.forEach(function (box) {
      const input = box.querySelector("input");
      input.addEventListener("change", function () {
        progress.setDone(box.getAttribute("data-rm-topic"), input.checked);
      });
    });
    return boxes.length > 0;
  }

  // ------------------------------------------------------------------------------------------
  // The map: progress classes, phase counts, and highlighted lines
  // ------------------------------------------------------------------------------------------
  function paintMap(map, roadmap) {
    const done = progress.done();
    const counts = tally(roadmap, done);
    map.querySelectorAll(".rm-node").forEach(function (node) {
      const id = node.getAttribute("data-topic");
      const topic = roadmap.topics.filter(function (t) {
        return t.id === id;
      })[0];
      const isDone = Boolean(done[id]);
      const isReady = Boolean(topic && counts.ready(topic));
      node.classList.toggle("is-done", isDone);
      node.classList.toggle("is-ready", isReady);
      node.querySelector("[data-rm-state]").textContent = isDone ? ", done" : isReady ? ", ready" : "";
    });
    map.querySelectorAll(".rm-edge").forEach(function (edge) {
      edge.classList.toggle("is-met", Boolean(done[edge.getAttribute("data-from")]));
    });
    counts.phases.forEach(function (entry) {
      const phase = map.querySelector('.rm-phase[data-phase="' + entry.phase.id + '"]');
      if (!phase) {
        return;
      }
      phase.querySelector("[data-rm-phase-count]").textContent =
        entry.count.done + " of " + entry.count.total + " done";
      phase.style.setProperty("--rm-phase-done", percent(entry.count.done, entry.count.total) + "%");
    });
  }

  function bindMap(map) {
    const canvas = map.querySelector(".rm-map__canvas");
    function light(id) {
      canvas.classList.toggle("has-focus", Boolean(id));
      map.querySelectorAll(".rm-edge").forEach(function (edge) {
        const lit = Boolean(id) && (edge.getAttribute("data-from") === id || edge.getAttribute("data-to") === id);
        edge.classList.toggle("is-lit", lit);
      });
      const linked = {};
      if (id) {
        map.querySelectorAll(".rm-edge.is-lit").forEach(function (edge) {
          linked[edge.getAttribute("data-from")] = true;
          linked[edge.getAttribute("data-to")] = true;
        });
      }
      map.querySelectorAll(".rm-node").forEach(function (node) {
        const nodeId = node.getAttribute("data-topic");
        node.classList.toggle("is-linked", Boolean(id) && nodeId !== id && Boolean(linked[nodeId]));
        node.classList.toggle("is-current", Boolean(id) && nodeId === id);
      });
    }
    function topicOf(event) {
      const node = event.target.closest ? event.target.closest(".rm-node") : null;
      return node ? node.getAttribute("data-topic") : null;
    }
    map.addEventListener("mouseover", function (event) {
      light(topicOf(event));
    });
    map.addEventListener("mouseleave", function () {
      light(null);
    });
    map.addEventListener("focusin", function (event) {
      light(topicOf(event));
    });
    map.addEventListener("focusout", function (event) {
      if (!map.contains(event.relatedTarget)) {
        light(null);
      }
    });
  }

  // ------------------------------------------------------------------------------------------
  // Progress summaries, with export, import and reset on the full one
  // ------------------------------------------------------------------------------------------
  function renderSummary(box, roadmap) {
    if (!box.querySelector(".rm-progress__stats")) {
      buildSummary(box);
    }
    const counts = tally(roadmap, progress.done());
    const all = counts.overall;
    const headline =
      all.done === 0
        ? "No topic marked as done yet."
        : all.done + " of " + all.total + " topics done, " + all.hoursDone + " of " + all.hours + " hours (" +
          percent(all.hoursDone, all.hours) + "%).";
    const parts = [
      el("p", { class: "rm-progress__overall" }, [
        el("strong", { text: headline }),
        " ",
        bar("All phases", all.done, all.total, all.done + " of " + all.total + " topics done"),
      ]),
      el(
        "ul",
        { class: "rm-progress__phases" },
        counts.phases.map(function (entry) {
          const text = entry.count.done + " of " + entry.count.total;
          return el("li", {}, [
            el("a", { href: entry.phase.url, text: entry.phase.title }),
            el("span", { class: "rm-progress__count", text: text }),
            bar(entry.phase.title, entry.count.done, entry.count.total, text + " topics done"),
          ]);
        })
      ),
    ];
    if (counts.next) {
      parts.push(
        el("p", { class: "rm-progress__next" }, [
          all.done === 0 ? "Start with " : "Next up: ",
          el("a", { href: counts.next.url, text: counts.next.title }),
          " (about " + counts.next.hours + " h).",
        ])
      );
    } else if (all.total > 0 && all.done === all.total) {
      parts.push(el("p", { class: "rm-progress__next", text: "Every topic is done: time to pick a specialisation and a research project." }));
    }
    const stats = box.querySelector(".rm-progress__stats");
    stats.textContent = "";
    parts.forEach(function (part) {
      stats.appendChild(part);
    });
  }

  // The parts of a summary that stay put while the numbers change (so focus is never lost).
  function buildSummary(box) {
    const full = box.getAttribute("data-rm-progress") === "full";
    const parts = [el("div", { class: "rm-progress__stats" })];
    if (full) {
      parts.push(actions(box));
      parts.push(
        el("p", { class: "rm-progress__links" }, [
          "Turn what is left into dated weeks: ",
          el("a", { href: ROOT + "planner/", text: "the study planner" }),
          ".",
        ])
      );
    } else {
      parts.push(
        el("p", { class: "rm-progress__links" }, [
          el("a", { href: ROOT + "roadmap/", text: "Your progress on the map" }),
          " · ",
          el("a", { href: ROOT + "planner/", text: "Plan your weeks" }),
        ])
      );
    }
    parts.push(
      el("p", {
        class: "rm-progress__note",
        text: progress.storageWorks()
          ? "Kept in this browser only, with no account. To continue in another browser, export your progress on the roadmap page and import the file there."
          : "This browser does not let the site keep data, so your progress lasts only until you close this tab. Export it to keep it.",
      })
    );
    parts.push(el("p", { class: "rm-progress__message", role: "status", "aria-live": "polite" }));
    box.textContent = "";
    parts.forEach(function (part) {
      box.appendChild(part);
    });
    box.classList.add("is-ready");
  }

  function actions(box) {
    const file = el("input", { type: "file", accept: ".json,application/json", hidden: true, "data-rm-import": true });
    function say(text, bad) {
      const message = box.querySelector(".rm-progress__message");
      message.textContent = text;
      message.classList.toggle("is-error", Boolean(bad));
    }
    const exportButton = el("button", { type: "button", class: "md-button", "data-rm-action": "export", text: "Export progress" });
    exportButton.addEventListener("click", function () {
      download("ml-roadmap-progress-" + today() + ".json", "application/json", progress.exportText());
      say("Saved your progress as a file. Import it in another browser to continue there.");
    });
    const importButton = el("button", { type: "button", class: "md-button", "data-rm-action": "import", text: "Import progress" });
    importButton.addEventListener("click", function () {
      file.click();
    });
    file.addEventListener("change", function () {
      const chosen = file.files && file.files[0];
      if (!chosen) {
        return;
      }
      const reader = new FileReader();
      reader.onload = function () {
        try {
          const result = progress.importText(String(reader.result));
          say("Imported " + result.total + " done topics, " + result.added + " of them new here.");
        } catch (error) {
          say(error.message, true);
        }
        file.value = "";
      };
      reader.onerror = function () {
        say("That file could not be read.", true);
      };
      reader.readAsText(chosen);
    });
    const resetButton = el("button", { type: "button", class: "md-button", "data-rm-action": "reset", text: "Reset" });
    resetButton.addEventListener("click", function () {
      if (window.confirm("Forget every topic marked as done in this browser? Export your progress first to keep a copy.")) {
        progress.reset();
        say("Progress reset.");
      }
    });
    return el("div", { class: "rm-progress__actions" }, [exportButton, importButton, file, resetButton]);
  }

  // ------------------------------------------------------------------------------------------
  // Each page view
  // ------------------------------------------------------------------------------------------
  let repaint = function () {};

  function view() {
    const painters = [];
    if (bindToggles(document)) {
      painters.push(function () {
        paintToggles(document);
      });
    }
    const map = document.querySelector(".rm-map");
    const summaries = document.querySelectorAll("[data-rm-progress]");
    if (map || summaries.length) {
      const ready = map ? Promise.resolve(fromMap(map)) : loadRoadmap();
      if (map) {
        bindMap(map);
      }
      painters.push(function () {
        ready
          .then(function (roadmap) {
            if (map) {
              paintMap(map, roadmap);
            }
            summaries.forEach(function (box) {
              renderSummary(box, roadmap);
            });
          })
          .catch(function (error) {
            summaries.forEach(function (box) {
              box.classList.add("is-ready");
              box.textContent = "Your progress could not be shown: the roadmap's data did not load (" + error.message + ").";
            });
          });
      });
    }
    if (document.querySelector("[data-rm-planner]")) {
      loadPlanner();
    }
    repaint = function () {
      painters.forEach(function (paint) {
        paint();
      });
    };
    repaint();
  }

  let plannerLoading = false;
  function loadPlanner() {
    if (plannerLoading) {
      return;
    }
    plannerLoading = true;
    document.body.appendChild(el("script", { src: ROOT + "assets/javascripts/planner.js" }));
  }

  progress.onChange(function () {
    repaint();
  });

  window.mlRoadmap = {
    root: ROOT,
    progress: progress,
    loadRoadmap: loadRoadmap,
    tally: tally,
    download: download,
    el: el,
  };

  if (typeof document$ !== "undefined") {
    document$.subscribe(view);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", view);
  } else {
    view();
  }
})();
