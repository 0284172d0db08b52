import type { ExportedFile } from '../../../shared/contract/index';

/**
 * Saves an exported report through the browser's own download (a Blob URL on an <a download>), as
 * the library's Markdown download does: the same in the app and in browser mode, no file access.
 */
export function saveExportedFile(file: ExportedFile): void {
  const body = file.encoding === 'base64' ? base64Bytes(file.content) : file.content;
  const url = URL.createObjectURL(new Blob([body], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download holds its own reference to the Blob once started; release ours after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
