// How both browser entries (index.js and core/index.js) load their WASM module.

/**
 * The `init(moduleOrPath?, { timeoutMs? })` of an entry: loads and instantiates the module
 * once with the glue's `initWasm`, then runs `then`; later calls return the same promise. A
 * load that fails (offline on a first visit, say) is not kept: the next call tries again.
 * `where()` is the entry's own module URL, written in the entry, where bundlers look for it.
 */
export function loader(initWasm, where, then) {
  let ready;
  return (moduleOrPath, options) => {
    // The request goes out first: the glue then builds its imports while the module is on
    // its way, not before asking for it. Whatever fails (a refused `timeoutMs` too) rejects.
    ready ??= (async () => initWasm({ module_or_path: requested(moduleOrPath ?? where(), options?.timeoutMs ?? 30_000) }))()
      .then(then, (error) => {
        ready = undefined;
        throw error;
      });
    return ready;
  };
}

/**
 * A request for the module at `where` (a URL), given up after `timeoutMs` where the engine
 * has `AbortSignal.timeout` (as the client's requests: Safari before 16 has not), so a hung
 * network cannot hold `init()` for good, and refused when a web page answers it; anything
 * else as it is.
 */
function requested(where, timeoutMs) {
  return typeof where === 'string' || where instanceof URL
    ? fetch(where, { signal: globalThis.AbortSignal?.timeout?.(timeoutMs) }).then((response) => {
      // A captive portal, or a server that answers every path with the app's page: the glue
      // would warn about the MIME type, then fail to compile the page ("expected magic word").
      if (response.ok && /html/.test(response.headers.get('Content-Type'))) {
        throw new Error(`${where} answered with a web page, not the WebAssembly module`);
      }
      return response;
    })
    : where;
}
