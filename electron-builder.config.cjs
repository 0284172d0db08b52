// electron-builder configuration for `npm run dist` (AppImage and deb on Linux, NSIS on Windows,
// dmg on macOS). Packaging needs the Electron runtime and, for each platform, that platform's
// tools, so it cannot run on our offline build machines; test/unit/packaging checks this file
// against electron-builder's own schema, and the fuses it sets by flipping them with
// electron-builder's own code, instead. See README.md, "Packaging".
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.handrail.app',
  productName: 'Handrail',
  copyright: 'Copyright © the Handrail authors',
  directories: { output: 'release', buildResources: 'resources/build' },
  files: ['dist/**', '!dist/**/*.map', 'bin/**', 'resources/**', 'package.json'],
  // Native addons cannot load from inside an asar archive. The transcript index worker is a
  // worker thread's script, loaded by path: it is kept outside the archive too, and the host
  // looks for it there first (terminal/transcript/transcript-indexer.ts).
  asarUnpack: [
    '**/*.node',
    'node_modules/node-pty/**',
    'resources/shell-integration/**',
    // The sandbox's stand-in commands are run by a shell, which cannot look inside the archive.
    'resources/sandbox/**',
    'dist/host/transcript-index.js',
  ],
  // Both native addons are Node-API builds (better-sqlite3 13 ships its own per platform;
  // node-pty is built at install), which Electron loads as they are: nothing to rebuild.
  npmRebuild: false,
  // Electron's fuses, flipped in the packaged binary before signing. Each closes a way to make
  // the packaged app run something other than Handrail (Electron's security checklist; the
  // checklist in docs/architecture.md says where the rest lives):
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would make the app binary a plain Node interpreter.
    runAsNode: false,
    // NODE_OPTIONS (--require any file) and NODE_EXTRA_CA_CERTS would be obeyed by main.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect and SIGUSR1 would open a debugger port on main.
    enableNodeCliInspectArguments: false,
    // Chromium's cookie store encrypted with the OS key, as in Chrome.
    enableCookieEncryption: true,
    // Only app.asar is loaded, not an `app` folder placed beside it…
    onlyLoadAppFromAsar: true,
    // …and app.asar must match the hash recorded at packaging (Electron checks it on macOS and
    // Windows; on Linux the fuse has no effect).
    enableEmbeddedAsarIntegrityValidation: true,
    // The app serves its pages from handrail://app, so file:// pages get no extra privileges.
    grantFileProtocolExtraPrivileges: false,
  },
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
