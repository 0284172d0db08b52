/**
 * The preload runs sandboxed with context isolation: it exposes no Node and no Electron to the
 * page. Its one job is to pass on the MessagePort to the host that main sends after the page has
 * loaded; the page then speaks the same RPC to the host as browser mode does over a WebSocket.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('handrailShell', { kind: 'electron' });

ipcRenderer.on('handrail:host-port', (event) => {
  window.postMessage({ type: 'handrail:host-port' }, window.location.origin, event.ports);
});
