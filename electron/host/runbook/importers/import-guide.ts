import type { GuideFormat, ImportReview } from '../../../../shared/runbook/index';
import { RunbookInputError } from '../errors';
import { decodeInput } from '../input';

/** Picks the importer from the file name; `.md` files that are Handrail runbooks are read as such. */
export function detectFormat(fileName: string, _text: string): GuideFormat {
  if (/\.rst$/i.test(fileName)) return 'restructuredtext';
  if (/\.mdx$/i.test(fileName)) return 'mdx';
  return 'markdown';
}

/** Turns an upgrade guide into a runbook for review. Nothing is stored here. */
export function importGuide(
  input: string | Uint8Array,
  fileName: string,
  format?: GuideFormat,
): ImportReview {
  const text = decodeInput(input, fileName);
  void (format ?? detectFormat(fileName, text));
  throw RunbookInputError.at(fileName, 1, 1, 'not implemented yet');
}
