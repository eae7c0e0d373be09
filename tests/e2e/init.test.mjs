// `init()` of each browser entry in real Chromium, the package folder served as a page
// would serve it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchChromium, root, serveStatic } from './support.mjs';

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

test('a load that fails is not kept: the next init() loads the module', async () => {
  const page = await browser.newPage();
  // Any document of the site's origin: the entries are imported by the test itself.
  await page.goto(`${site.url}/package.json`);
  const result = await page.evaluate(async () => {
    const out = {};
    for (const entry of ['/index.js', '/core/index.js']) {
      const mod = await import(entry);
      let failed;
      try {
        await mod.init('/missing.wasm');
      } catch (error) {
        failed = error.message;
      }
      await mod.init();
      out[entry] = { failed, errors: mod.validateGuidedChecklist('{}').errors.length };
    }
    return out;
  });
  for (const entry of ['/index.js', '/core/index.js']) {
    assert.match(result[entry].failed, /404/, `${entry}: the first load fails`);
    assert.ok(result[entry].errors > 0, `${entry}: after the retry, the module answers`);
  }
});
