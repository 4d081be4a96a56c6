// Where the site lives: the absolute URL of its root (this file is assets/javascripts/site.js),
// so pages at any depth, and sites served under a path prefix, build the same links.
export const ROOT = new URL("../../", import.meta.url).href;
