import { RpcError, type DocumentVerification } from '../../../shared/contract/index';
import { verifyBundle } from './bundle-verify';
import { extractBundle, renderReport, type ExtractedBundle } from './report-documents';
import { BundleError } from './run-bundle';

/**
 * Checks a bundle file or an HTML/JSON report with nothing but its text: every signature, the
 * event chain, the state against its log, and, for a report, that it shows exactly what its
 * embedded record renders to (an edit to the visible text is caught even where no signature
 * covers that text directly). Used by `handrail verify` and by the app.
 */
export function verifyDocument(text: string, fileName: string): DocumentVerification {
  let extracted: ExtractedBundle;
  try {
    extracted = extractBundle(text, fileName);
  } catch (error) {
    if (error instanceof BundleError) throw new RpcError('invalid_params', error.message, 'params.content');
    throw error;
  }
  const verification = verifyBundle(extracted.bundle);
  const document = documentCheck(text, extracted);
  return { ...verification, valid: verification.valid && document.valid, format: extracted.format, document };
}

function documentCheck(text: string, extracted: ExtractedBundle): { valid: boolean; problem: string | null } {
  if (extracted.format === 'bundle') return { valid: true, problem: null };
  if (renderReport(extracted.bundle, extracted.format) === text) return { valid: true, problem: null };
  const form = extracted.format === 'html' ? 'HTML' : 'JSON';
  // Not "edited": this version renders another form, so the text cannot be compared here. The
  // record, its log and its signatures are still checked; the bundle exported again shows it now.
  if (extracted.earlierForm !== undefined)
    return {
      valid: false,
      problem: `the ${form} report was written by an earlier Handrail (${extracted.earlierForm}): its text cannot be compared with its record by this version; export the report again to check what it shows`,
    };
  return {
    valid: false,
    problem: `the ${form} report differs from what its embedded record renders to: it was edited`,
  };
}
