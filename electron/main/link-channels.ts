/** IPC channel for opening a link from terminal output; no imports, so the sandboxed preload can bundle it. */
export const linkChannels = { open: 'handrail:links:open' } as const;
