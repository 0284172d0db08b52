/** What an Ansible run printed, as Handrail keeps it: the recap per host and the failed tasks. */
export type AnsibleHostRecap = {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
};

export type AnsibleFailedTask = {
  host: string;
  task: string;
  message: string;
  /** `unreachable` for a host Ansible could not reach, `failed` for a task that failed. */
  kind: 'failed' | 'unreachable';
  /** The failure was followed by `...ignoring` (ignore_errors): it does not count as failed. */
  ignored: boolean;
};

export type AnsibleSummary = {
  /** Hosts of every PLAY RECAP the output held (a later recap of the same host replaces it). */
  hosts: Record<string, AnsibleHostRecap>;
  failedTasks: AnsibleFailedTask[];
  /** Plays that matched no host, and similar warnings an operator must see. */
  warnings: string[];
  /** The play and task the output was last in (for a running play's summary). */
  currentPlay: string | null;
  currentTask: string | null;
  /** Whether any Ansible output was recognised at all (false: not an Ansible command). */
  recognised: boolean;
};

/** True when the recap says a host failed or was unreachable: the step did not do its work. */
export function recapHasFailures(summary: Pick<AnsibleSummary, 'hosts'>): boolean {
  return Object.values(summary.hosts).some((host) => host.failed > 0 || host.unreachable > 0);
}
