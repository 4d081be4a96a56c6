// What this browser keeps under topic ids follows renamed, merged or split topics: the thin
// storage side of migrations.js. Run on each visit (main.js) with the roadmap's mapping.
import { cleanNotes, cleanQuiz, fromText, renameTopicIds } from "./learner-model.js";
import { NOTES_KEY, QUIZ_KEY } from "./learner-store.js";
import { migratedText, migrateProgress } from "./migrations.js";
import { PROGRESS_KEY } from "./progress.js";
import { readText, writeText } from "./storage.js";

// Everything kept under topic ids: its storage key, and the pure function that renames the ids
// in its saved state, (state, mapping) => state.
const MIGRATORS = [
  { key: PROGRESS_KEY, rename: migrateProgress },
  { key: NOTES_KEY, rename: (state, mapping) => renameTopicIds({ notes: cleaned(state, cleanNotes) }, mapping).notes },
  { key: QUIZ_KEY, rename: (state, mapping) => renameTopicIds({ quiz: cleaned(state, cleanQuiz) }, mapping).quiz },
];

/** A saved notes or quiz state as its store would read it (anything malformed dropped). */
function cleaned(state, cleaner) {
  return fromText(JSON.stringify(state), cleaner, new Date().toISOString());
}

/** Whether anything is kept that a renamed topic could concern. */
export function anythingSaved() {
  return MIGRATORS.some(({ key }) => readText(key));
}

/** Rename old topic ids in everything kept (`mapping`: {oldId: currentId}); true when anything changed. */
export function migrateSaved(mapping) {
  let changed = false;
  for (const { key, rename } of MIGRATORS) {
    const text = migratedText(readText(key), rename, mapping);
    if (text !== null && writeText(key, text)) {
      changed = true;
    }
  }
  return changed;
}
