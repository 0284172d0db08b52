/** What a pty delivers for bytes a program writes: the line discipline turns \n into \r\n (onlcr). */
export function asPtyOutput(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replaceAll('\n', '\r\n'), 'latin1');
}
