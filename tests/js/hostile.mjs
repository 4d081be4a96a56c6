// An export file written by an attacker: scripts in every text, javascript: and data: links,
// huge strings, and keys that would pollute Object.prototype if copied naively.
export const HUGE = "x".repeat(5_000_000);

export function hostileExport() {
  return `{
  "format": "ml-roadmap-progress",
  "version": 1,
  "exported": "2026-03-02T09:00:00.000Z",
  "site": "<script>window.__pwned = 1</script>",
  "done": {"k-means": "2026-01-01", "__proto__": "2026-01-01", "<img src=x onerror=alert(1)>": "x"},
  "notes": {
    "k-means": {
      "text": "<script>window.__pwned = 1</script><img src=x onerror=\\"window.__pwned = 1\\">${HUGE}",
      "links": [
        {"title": "<b onmouseover=alert(1)>evil</b>", "url": "javascript:window.__pwned = 1"},
        {"title": "data", "url": "data:text/html,<script>window.__pwned = 1</script>"},
        {"title": "spaced", "url": "  JaVaScRiPt:window.__pwned = 1"},
        {"title": "fine <script>", "url": "https://example.org/a?b=<c>"},
        {"title": "${HUGE}", "url": "https://example.org/long"},
        "not a link",
        null
      ],
      "updated": {"__proto__": {"polluted": true}}
    },
    "__proto__": {"text": "polluted", "polluted": true},
    "constructor": {"text": "polluted"},
    "unknown-topic": {"text": "kept out"}
  },
  "quiz": {
    "k-means": {
      "q1": {"box": 99, "due": "<script>", "seen": 5, "right": "yes", "answers": -3},
      "__proto__": {"box": 1, "polluted": true}
    },
    "__proto__": {"q": {"box": 1}},
    "linear-algebra": "not an object"
  }
}`;
}
