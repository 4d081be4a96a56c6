// The browser's localStorage, one text value per key. Some browsers refuse storage (private
// modes throw on any access): then reads give null and writes report false, and callers go on.

function local() {
  return window.localStorage;
}

/** The text saved under `key`, or null when there is none or storage is refused. */
export function readText(key) {
  try {
    return local().getItem(key);
  } catch {
    return null;
  }
}

/** Save `text` under `key`; false when the browser refuses. */
export function writeText(key, text) {
  try {
    local().setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

/** Whether this browser keeps what the site saves (a throwaway value under `key`.test). */
export function storageWorks(key) {
  try {
    local().setItem(`${key}.test`, "1");
    local().removeItem(`${key}.test`);
    return true;
  } catch {
    return false;
  }
}

/** Call `listener` when another tab changes `key` (or clears storage). */
export function onOtherTabChange(key, listener) {
  window.addEventListener("storage", (event) => {
    if (event.key === key || event.key === null) {
      listener();
    }
  });
}
