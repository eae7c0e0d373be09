// The only setting: the project's root, where node_modules is, for Turbopack.
import { fileURLToPath } from 'node:url';

export default { turbopack: { root: fileURLToPath(new URL('..', import.meta.url)) } };
