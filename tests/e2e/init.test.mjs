// `init()` of the browser entries in real Chromium, the package folder served as a page
// would serve it: failed loads (a 404, a hung request, a web page in the module's place),
// and the preload the README recommends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchChromium, root, serveStatic } from './support.mjs';

// The two browser entries, as the page imports them.
const ENTRIES = ['/index.js', '/core/index.js'];
let site;
let browser;

before(async () => {
  site = await serveStatic(join(root, 'pkg'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

/** A page of the site's origin that loads nothing: the tests import the entries themselves. */
async function blankPage() {
  const page = await browser.newPage();
  await page.goto(`${site.url}/package.json`);
  return page;
}

/** For each entry, after `init()` in `page`: the errors its validator finds in `{}` (some, once the module answers). */
function answersAfterInit(page) {
  return page.evaluate(async (entries) => {
    const out = {};
    for (const entry of entries) {
      const mod = await import(entry);
      await mod.init();
      out[entry] = mod.validateGuidedChecklist('{}').errors.length;
    }
    return out;
  }, ENTRIES);
}

test('a load that fails is not kept: the next init() loads the module', async () => {
  const page = await blankPage();
  const result = await page.evaluate(async (entries) => {
    const out = {};
    for (const entry of entries) {
      const mod = await import(entry);
      let failed;
      try {
        await mod.init('/missing.wasm');
      } catch (error) {
        failed = error.message;
      }
      let refused;
      try {
        // A promise that rejects, not a throw: what a caller awaiting init() can catch.
        await mod.init(undefined, { timeoutMs: -1 }).catch((error) => { refused = error.name; });
      } catch (error) {
        refused = `thrown: ${error.name}`;
      }
      await mod.init();
      out[entry] = { failed, refused, errors: mod.validateGuidedChecklist('{}').errors.length };
    }
    return out;
  }, ENTRIES);
  for (const entry of ENTRIES) {
    assert.match(result[entry].failed, /404/, `${entry}: the first load fails`);
    assert.equal(result[entry].refused, 'TypeError', `${entry}: a refused timeoutMs rejects the promise`);
    assert.ok(result[entry].errors > 0, `${entry}: after the retry, the module answers`);
  }
});

// Both as the README writes it: `init()` finding the module beside the package, and the module
// served from a fixed path that the page hands to `init()` (where a bundler renames it).
for (const call of ['init()', "init('/guided_checklist_bg.wasm')"]) {
  test(`the preload the README recommends is the request ${call} uses: the module is fetched once`, async () => {
    const page = await browser.newPage();
    const fetched = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.wasm')) fetched.push(request.url());
    });
    // The preload in the page's head, init() called later.
    await page.route('**/preloading.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
      <link rel="preload" href="/guided_checklist_bg.wasm" as="fetch" type="application/wasm" crossorigin>
      <script type="module">
        import { init, validateGuidedChecklist } from '/index.js';
        await new Promise((done) => setTimeout(done, 200));
        await ${call};
        document.body.dataset.errors = validateGuidedChecklist('{}').errors.length;
      </script>` }));
    await page.goto(`${site.url}/preloading.html`);
    await page.waitForFunction(() => document.body?.dataset.errors);
    assert.ok(Number(await page.evaluate(() => document.body.dataset.errors)) > 0, 'the module answers');
    assert.deepEqual(fetched, [`${site.url}/guided_checklist_bg.wasm`], 'one request for the module');
  });
}

// Bounded itself: without the bound in init() the page would wait for good.
test('a module request that hangs is given up after timeoutMs, and the next init() loads it', { timeout: 20_000 }, async () => {
  const page = await blankPage();
  // The module's requests get no answer until the route is removed, as on a hung network.
  const hang = () => {};
  await page.route('**/*.wasm', hang);
  const result = await page.evaluate(async (entries) => {
    const out = {};
    for (const entry of entries) {
      const mod = await import(entry);
      const t0 = performance.now();
      out[entry] = await mod.init(undefined, { timeoutMs: 300 }).then(() => 'loaded', (error) => error.name);
      out[`${entry} ms`] = performance.now() - t0;
    }
    return out;
  }, ENTRIES);
  await page.unroute('**/*.wasm', hang);
  const retried = await answersAfterInit(page);
  for (const entry of ENTRIES) {
    assert.equal(result[entry], 'TimeoutError', `${entry}: the hung request is given up`);
    assert.ok(result[`${entry} ms`] < 5000, `${entry}: within its bound (${result[`${entry} ms`]} ms)`);
    assert.ok(retried[entry] > 0, `${entry}: the next init() loads the module`);
  }
});

test('a web page in place of the module (a captive portal) rejects init() plainly, and the next init() loads', async () => {
  const page = await blankPage();
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  // What a captive portal or an app server that answers every path with the app sends.
  const portal = (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title>' });
  await page.route('**/*.wasm', portal);
  const failed = await page.evaluate(async (entries) => {
    const out = {};
    for (const entry of entries) {
      const mod = await import(entry);
      out[entry] = await mod.init().then(() => 'loaded', (error) => error.message);
    }
    return out;
  }, ENTRIES);
  await page.unroute('**/*.wasm', portal);
  const retried = await answersAfterInit(page);
  for (const entry of ENTRIES) {
    const wasm = `${site.url}${entry.replace('index.js', 'guided_checklist_bg.wasm')}`;
    assert.equal(failed[entry], `${wasm} answered with a web page, not the WebAssembly module`, entry);
    assert.ok(retried[entry] > 0, `${entry}: the next init() loads the module`);
  }
  assert.deepEqual(warnings, [], 'the page never reached the glue, which warns about its MIME type');
});

test('an engine without AbortSignal.timeout (Safari before 16) still loads the module', async () => {
  const page = await blankPage();
  const result = await page.evaluate(async (entries) => {
    delete AbortSignal.timeout;
    const out = {};
    for (const entry of entries) {
      const mod = await import(entry);
      out[entry] = await mod.init().then(() => mod.validateGuidedChecklist('{}').errors.length, (error) => error.message);
    }
    return out;
  }, ENTRIES);
  for (const entry of ENTRIES) assert.ok(result[entry] > 0, `${entry}: ${result[entry]}`);
});
