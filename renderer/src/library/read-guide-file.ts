export interface GuideText {
  fileName: string;
  text: string;
}

/**
 * Reads a chosen file as UTF-8, refusing what is not: `File.text()` would silently replace invalid
 * bytes, and the importer could then not tell the user where the file is broken.
 */
export async function readGuideFile(file: File): Promise<GuideText> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { fileName: file.name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    throw new Error(
      `${file.name}:${line}: the file is not valid UTF-8 text; save it as UTF-8 and import it again`,
    );
  }
}

/** Decodes line by line (split at newline bytes) and returns the first line that fails. */
function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let index = 0; index <= bytes.length; index += 1) {
    if (index < bytes.length && bytes[index] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, index));
    } catch {
      return line;
    }
    start = index + 1;
    line += 1;
  }
  return line;
}
