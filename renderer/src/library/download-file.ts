/**
 * Saves text as a file through the browser's own download: a Blob URL on an <a download> link.
 * It works the same in the app and in browser mode, and needs no file access from the page.
 */
export function downloadTextFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the Blob once started; release ours after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
