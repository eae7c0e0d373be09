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

// As in the client's own registry: a listener that throws is logged and the others still run.
function dispatch(listeners, ...args) {
  for (const listener of [...listeners]) {
    try {
      listener(...args);
    } catch (error) {
      console.error('guided-checklist: a listener threw', error);
    }
  }
}

// Each registration is its own, as in the client: the same function added twice runs twice.
function register(listeners, listener) {
  const entry = (...args) => listener(...args);
  listeners.add(entry);
  return () => {
    listeners.delete(entry);
  };
}

function takePanic() {
  const message = globalThis[PANIC];
  delete globalThis[PANIC];
  return message;
}

export class ResilientClient {
  #options;
  #inner;
  #generation = panics();
  #subscribers = new Set();
  #handlers = new Map();

  constructor(options) {
    this.#options = options;
    this.#attach(new ChecklistClient(options));
    this.subscribe = this.subscribe.bind(this);
    this.getSnapshot = this.getSnapshot.bind(this);
  }

  #attach(inner) {
    this.#inner = inner;
    this.#generation = panics();
    inner.subscribe(() => dispatch(this.#subscribers));
    for (const [type, handlers] of this.#handlers) {
      inner.on(type, (event) => dispatch(handlers, event));
    }
  }

  #rebuild() {
    this.#attach(new ChecklistClient(this.#options));
    this.#inner.load();
    dispatch(this.#subscribers);
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

  // Every other method of ChecklistClient, delegated as it is: a method added to the client
  // needs nothing here (tests/js checks that the two lists match).
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

  subscribe(listener) {
    return register(this.#subscribers, listener);
  }

  on(type, handler) {
    let handlers = this.#handlers.get(type);
    if (!handlers) {
      const set = new Set();
      // Registered on the client before the type is recorded: a rebuild inside this call
      // re-attaches only the recorded types, so the forwarder is never added twice.
      this.#call('on', [type, (event) => dispatch(set, event)]);
      handlers = set;
      this.#handlers.set(type, handlers);
    }
    return register(handlers, handler);
  }

  destroy() {
    this.#subscribers.clear();
    this.#handlers.clear();
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
