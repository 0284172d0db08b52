/**
 * The preload runs sandboxed with context isolation: it exposes no Node and no Electron to the
 * page. It passes on the MessagePort to the host that main sends after the page has loaded (the
 * page then speaks the same RPC to the host as browser mode does over a WebSocket), and offers
 * sealing secret values with the OS keychain, printing reports to PDF and opening a link from
 * terminal output in the system browser (main asks the user first), which only main can do.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { linkChannels } from '../main/link-channels';
import { pdfChannels } from '../main/pdf-channels';
import { secretChannels } from '../main/secret-channels';

contextBridge.exposeInMainWorld('handrailShell', { kind: 'electron' });

contextBridge.exposeInMainWorld('handrailSecrets', {
  isAvailable: (): Promise<boolean> => ipcRenderer.invoke(secretChannels.isAvailable),
  seal: (text: string): Promise<string> => ipcRenderer.invoke(secretChannels.seal, String(text)),
  open: (sealed: string): Promise<string> => ipcRenderer.invoke(secretChannels.open, String(sealed)),
});

contextBridge.exposeInMainWorld('handrailPdf', {
  print: (html: string): Promise<string> => ipcRenderer.invoke(pdfChannels.print, String(html)),
});

contextBridge.exposeInMainWorld('handrailLinks', {
  open: (url: string): Promise<'opened' | 'declined'> => ipcRenderer.invoke(linkChannels.open, String(url)),
});

ipcRenderer.on('handrail:host-port', (event) => {
  window.postMessage({ type: 'handrail:host-port' }, window.location.origin, event.ports);
});
