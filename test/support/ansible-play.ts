import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as pty from 'node-pty';

/** The test play: localhost (a change, an ignored failure, a skip, a failure) and an unreachable alias. */
export const readerPlay = path.resolve('test/fixtures/ansible/reader-play.yml');
export const readerInventory = path.resolve('test/fixtures/ansible/reader-inventory.ini');

export type PlayFormat = { result: 'json' | 'yaml'; columns: number; colour: boolean };

function playEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // Host key checks off: the unreachable alias must fail on its refused port, never on a prompt.
  return { ...env, ANSIBLE_NOCOLOR: '0', ANSIBLE_HOST_KEY_CHECKING: 'False', ...extra };
}

/** Runs the play in a real pty of the given width, as an operator's terminal would, and returns every byte printed. */
export function runPlayInPty(format: PlayFormat): Promise<{ output: string; exitCode: number }> {
  const env = playEnv({
    ANSIBLE_STDOUT_CALLBACK: 'default',
    ANSIBLE_CALLBACK_RESULT_FORMAT: format.result,
    ANSIBLE_FORCE_COLOR: format.colour ? '1' : '0',
    ...(format.colour ? {} : { ANSIBLE_NOCOLOR: '1' }),
    COLUMNS: String(format.columns),
    TERM: 'xterm-256color',
  });
  const child = pty.spawn('ansible-playbook', ['-i', readerInventory, readerPlay], {
    cols: format.columns,
    rows: 30,
    env,
  });
  const chunks: string[] = [];
  child.onData((data) => chunks.push(data));
  return new Promise((resolve) => {
    child.onExit(({ exitCode }) => resolve({ output: chunks.join(''), exitCode }));
  });
}

/** The same play through the `json` stdout callback: what Ansible itself says happened. */
export function runPlayAsJson(): {
  stats: Record<string, Record<string, number>>;
  results: { host: string; task: string; failed: boolean; unreachable: boolean; msg: string }[];
} {
  const run = spawnSync('ansible-playbook', ['-i', readerInventory, readerPlay], {
    env: playEnv({ ANSIBLE_STDOUT_CALLBACK: 'ansible.posix.json', ANSIBLE_NOCOLOR: '1' }),
    encoding: 'utf8',
  });
  const parsed = JSON.parse(run.stdout) as {
    stats: Record<string, Record<string, number>>;
    plays: { tasks: { task: { name: string }; hosts: Record<string, Record<string, unknown>> }[] }[];
  };
  const results = parsed.plays.flatMap((play) =>
    play.tasks.flatMap((task) =>
      Object.entries(task.hosts).map(([host, result]) => ({
        host,
        task: task.task.name,
        failed: result.failed === true,
        unreachable: result.unreachable === true,
        msg: typeof result.msg === 'string' ? result.msg : '',
      })),
    ),
  );
  return { stats: parsed.stats, results };
}
