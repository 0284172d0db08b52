import { RpcError, type DocumentVerification } from '../../../shared/contract/index';
import { verifyBundle } from './bundle-verify';
import { extractBundle, renderReport } from './report-documents';
import { BundleError } from './run-bundle';

/**
 * Checks a bundle file or an HTML/JSON report with nothing but its text: every signature, the
 * event chain, the state against its log, and, for a report, that it shows exactly what its
 * embedded record renders to (an edit to the visible text is caught even where no signature
 * covers that text directly). Used by `handrail verify` and by the app.
 */
export function verifyDocument(text: string, fileName: string): DocumentVerification {
  let extracted: ReturnType<typeof extractBundle>;
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

function documentCheck(
  text: string,
  extracted: ReturnType<typeof extractBundle>,
): { valid: boolean; problem: string | null } {
  if (extracted.format === 'bundle') return { valid: true, problem: null };
  if (renderReport(extracted.bundle, extracted.format) === text) return { valid: true, problem: null };
  const form = extracted.format === 'html' ? 'HTML' : 'JSON';
  return {
    valid: false,
    problem: `the ${form} report differs from what its embedded record renders to: it was edited`,
  };
}
