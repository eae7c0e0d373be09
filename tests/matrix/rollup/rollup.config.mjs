// Rollup 4 resolves packages and emits assets only through plugins: node-resolve (with the
// `browser` condition) finds the package's browser entry, and import-meta-assets emits the
// `.wasm` that the package names with `new URL('….wasm', import.meta.url)`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';

export default {
  input: './rollup/entry.js',
  output: { dir: './rollup/dist', format: 'es' },
  plugins: [nodeResolve({ browser: true }), importMetaAssets()],
};
