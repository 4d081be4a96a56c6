// A stand-in for the browser's localStorage in Node tests. Set `refuse` to make it throw, as a
// browser does when storage is blocked or full.
export class FakeStorage {
  constructor() {
    this.items = new Map();
    this.refuse = false;
  }
  getItem(key) {
    if (this.refuse) throw new Error("SecurityError");
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    if (this.refuse) throw new Error("QuotaExceededError");
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}
