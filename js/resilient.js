// A ChecklistClient that outlives a panic in the WASM module. After a trap the
// module starts over on a fresh instance and every object of the old one is
// dead; this wrapper then builds a new client from the same options, which
// restores the stored base and outbox, so no edit is lost.
import { ChecklistClient, validateGuidedChecklist } from './guided_checklist.js';

const PANIC = Symbol.for('guided-checklist.panic');
const PANICS = Symbol.for('guided-checklist.panics');
const RESET = Symbol.for('guided-checklist.reset');

const panics = () => globalThis[PANICS] ?? 0;

// Any call of a free function makes wasm-bindgen start the fresh instance it
// scheduled after a panic; a call on an old object would not do it first.
function resetNow() {
  validateGuidedChecklist(null);
}

/** Lets the module's panic hook start the fresh instance once the trap has unwound. */
export function installReset() {
  globalThis[RESET] = resetNow;
}

/** Thrown by the call during which the WASM module panicked; `message` is the panic's. */
export class GuidedChecklistPanic extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'GuidedChecklistPanic';
  }
}

function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError;
}

function isStale(error) {
  return error instanceof Error && /previous (wasm|WASM|Wasm) instance/.test(error.message);
}

function takePanic() {
  const message = globalThis[PANIC];
  delete globalThis[PANIC];
  return message;
}

export class ResilientClient {
  #options;
  #inner;
  #kept;
  #generation = panics();

  constructor(options) {
    this.#options = options;
    this.#inner = new ChecklistClient(options);
    // The client's listener registry and memory storage, kept for the life of this object:
    // every client it rebuilds uses them, so listeners, removers and a memory outbox carry over.
    this.#kept = this.#inner.__keep();
    this.subscribe = this.subscribe.bind(this);
    this.getSnapshot = this.getSnapshot.bind(this);
  }

  #rebuild() {
    this.#inner = ChecklistClient.__fromKept(this.#options, this.#kept);
    this.#generation = panics();
    this.#inner.load();
    this.#kept.listeners.emit('change');
  }

  #call(name, args) {
    if (this.#generation !== panics()) {
      // The module panicked since this client was built: its objects are gone.
      resetNow();
      takePanic();
      this.#rebuild();
    }
    try {
      return this.#inner[name](...args);
    } catch (error) {
      if (isStale(error)) {
        // Another object's panic replaced the instance: rebuild and carry on.
        this.#rebuild();
        return this.#inner[name](...args);
      }
      if (!isTrap(error)) throw error;
      const message = takePanic() ?? error.message;
      resetNow();
      this.#rebuild();
      throw new GuidedChecklistPanic(`guided-checklist panicked: ${message}`, { cause: error });
    }
  }

  // Every other method of ChecklistClient (subscribe and on included), delegated as it is:
  // a method added to the client needs nothing here (tests/js checks that the lists match).
  static {
    for (const name of Object.getOwnPropertyNames(ChecklistClient.prototype)) {
      if (name === 'constructor' || name.startsWith('__') || Object.hasOwn(this.prototype, name)) continue;
      Object.defineProperty(this.prototype, name, {
        value(...args) {
          return this.#call(name, args);
        },
        writable: true,
        configurable: true,
      });
    }
  }

  destroy() {
    this.#kept.listeners.clear();
    try {
      this.#inner.destroy();
    } catch (error) {
      if (!isStale(error)) throw error;
    }
  }

  free() {
    try {
      this.#inner.free();
    } catch (error) {
      if (!isStale(error)) throw error;
    }
  }

  [Symbol.dispose]() {
    this.destroy();
    this.free();
  }
}
