// electron-builder configuration for `npm run dist` (AppImage and deb on Linux, NSIS on Windows,
// dmg on macOS). Packaging needs the Electron runtime and, for each platform, that platform's
// tools, so it cannot run on our offline build machines; test/unit/packaging checks this file
// against electron-builder's own schema instead. See README.md, "Packaging".
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.handrail.app',
  productName: 'Handrail',
  copyright: 'Copyright © the Handrail authors',
  directories: { output: 'release', buildResources: 'resources/build' },
  files: ['dist/**', '!dist/**/*.map', 'bin/**', 'resources/**', 'package.json'],
  // Native addons cannot load from inside an asar archive.
  asarUnpack: ['**/*.node', 'node_modules/node-pty/**', 'resources/shell-integration/**'],
  // Rebuild better-sqlite3 (and node-pty) against Electron inside the packaged copy; the
  // working tree's Node builds stay as they are.
  npmRebuild: true,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'System',
    maintainer: 'Handrail authors',
    synopsis: 'Guided, recorded and signed infrastructure upgrade runbooks',
  },
  deb: { depends: ['openssh-client'] },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools', hardenedRuntime: true },
  dmg: { title: 'Handrail ${version}' },
  publish: null,
};
