// Shared by the benchmark page (bench/src/main.js) and the A/B page (bench/ab/page.js).

/**
 * Runs a module script in a fresh document (an iframe of this page's origin), after the
 * markup `head` if given, and resolves with what the script returns. A fresh document has
 * its own module map, so the package's entry, glue and module are loaded anew, as on a
 * page's first visit, and all of it is freed with the frame.
 */
export function inFreshDocument(script, head = '') {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const end = (error, data) => {
      clearTimeout(timer);
      removeEventListener('message', answer);
      frame.remove();
      if (error) reject(error);
      else resolve(data);
    };
    const answer = (event) => {
      if (event.source === frame.contentWindow) end(event.data.error && new Error(event.data.error), event.data);
    };
    const timer = setTimeout(() => end(new Error('cold start: no answer from the frame in 10 s')), 10_000);
    addEventListener('message', answer);
    frame.srcdoc = `${head}<script type="module">
      try { parent.postMessage(await (async () => { ${script} })(), '*'); }
      catch (e) { parent.postMessage({ error: String(e) }, '*'); }
    </script>`;
    document.body.append(frame);
  });
}

/**
 * Script text for `inFreshDocument`: a cold start of the package at `entry`, `init()` and the
 * first call timed into `ms`, and the package's import with them unless it is `bundled` (in
 * the page's bundle already, as a bundled app has it).
 */
export function startScript(entry, bundled) {
  const importing = `const gc = await import('${entry}');`;
  return `
    ${bundled ? importing : ''}
    const t0 = performance.now();
    ${bundled ? '' : importing}
    await gc.init();
    gc.validateGuidedChecklist('{}');
    const ms = performance.now() - t0;`;
}
