import type { TrustSetting } from '../../../shared/contract/index';
import { RpcError } from '../../../shared/contract/errors';
import type { Handlers } from '../../../shared/rpc/server';
import type { ReportService } from '../report/report-service';
import { judgeSignersByWorkspace } from '../trust/workspace-judgement';
import type { WorkspaceTrust } from '../trust/workspace-trust';

/**
 * The workspace's allowed_signers file: which it is, how many keys it lists now, what is wrong
 * with it; and a run's stored signatures judged by it.
 */
export function trustHandlers(trust: WorkspaceTrust, reports: ReportService): Handlers {
  return {
    'trust.get': () => settingOf(trust),
    'trust.set': ({ path }) => {
      trust.setAllowedSignersPath(path);
      return settingOf(trust);
    },
    'trust.signatures': ({ runId }) => judgeSignersByWorkspace(trust, reports.signaturesOf(runId)),
  };
}

/** Read fresh: a file edited or broken since it was set shows as it is, its problem named. */
function settingOf(trust: WorkspaceTrust): TrustSetting {
  const path = trust.allowedSignersPath();
  if (path === null) return { path: null, keys: null, problem: null };
  try {
    return { path, keys: trust.trustedSigners()?.signers.length ?? 0, problem: null };
  } catch (error) {
    if (error instanceof RpcError) return { path, keys: null, problem: error.message };
    throw error;
  }
}
