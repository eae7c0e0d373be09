// Rspack as webpack 5: the package's `new URL('….wasm', import.meta.url)` becomes an emitted
// asset with no loader or plugin.
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  context: fileURLToPath(new URL('.', import.meta.url)),
  entry: './entry.js',
  output: { path: fileURLToPath(new URL('dist/', import.meta.url)), filename: 'main.js', clean: true },
};
