/** IPC channel names for sealing secrets; no imports, so the sandboxed preload can bundle it. */
export const secretChannels = {
  isAvailable: 'handrail:secrets:is-available',
  seal: 'handrail:secrets:seal',
  open: 'handrail:secrets:open',
} as const;
