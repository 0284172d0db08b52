import { fileURLToPath } from 'node:url';

/**
 * Where the bundled host finds the app's files. The entry points are bundled to dist/host/, so
 * the built renderer is at dist/renderer/ and package.json two folders up.
 */
export const bundlePaths = {
  rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
  packageJson: new URL('../../package.json', import.meta.url),
  resourcesDir: fileURLToPath(new URL('../../resources/', import.meta.url)),
};
