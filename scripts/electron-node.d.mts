/** The locked Electron version and the Node major it ships (see electron-node.mjs). */
export function electronNode(lockfile?: string): { electron: string; node: number };
