// What this browser keeps under topic ids follows renamed, merged or split topics: the thin
// storage side of migrations.js. Run on each visit (main.js) with the roadmap's mapping.
import { migratedText, migrateProgress } from "./migrations.js";
import { PROGRESS_KEY } from "./progress.js";
import { readText, writeText } from "./storage.js";

// Everything kept under topic ids: its storage key, and the pure function that renames the ids
// in its saved state, (state, mapping) => state.
const MIGRATORS = [
  { key: PROGRESS_KEY, rename: migrateProgress },
  // Notes and quiz scores (issue 13, items 1-3): register their store's renameTopicIds here.
];

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
