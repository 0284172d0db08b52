/** The prefix of each line of the README that is a command to type, so a test can run exactly those. */
export const commandPrefix = '    $ ';

export interface ReadmeInput {
  root: string;
  principal: string;
  fingerprint: string | null;
  from: string;
  to: string;
  filters: string[];
  /** Each run's folder (`runs/<id>`), holding statement.json and statement.sig. */
  runFolders: string[];
}

/**
 * What a reader with stock tools does to check a pack: unpack it, check the manifest's signature
 * against THEIR OWN allowed_signers file (a file shipped with the pack would prove only that the
 * pack agrees with itself), then every file's hash against the manifest. The commands are the
 * lines starting with `    $ `, exactly as a test runs them (test/integration/audit/).
 */
export function packReadme(input: ReadmeInput): string {
  const run = (command: string): string => `${commandPrefix}${command}`;
  const verify = (signature: string, file: string): string =>
    run(
      `ssh-keygen -Y verify -f "$ALLOWED_SIGNERS" -I ${input.principal} -n handrail -s ${signature} < ${file}`,
    );
  return [
    'Handrail auditor pack',
    '=====================',
    '',
    `Runs created from ${input.from} up to (not including) ${input.to}${input.filters.length === 0 ? '' : `, ${input.filters.join(', ')}`}.`,
    "runs/<run id>/ holds each run's HTML report, its bundle (the whole event log, for",
    '`handrail verify`), a change record (change-record.json), an in-toto statement over the',
    'report and bundle (statement.json, signed in statement.sig) and its terminal sessions as',
    'asciicast v3 (terminal-N.cast). pack.json lists the runs. MANIFEST holds the SHA-256 of every',
    'other file; MANIFEST.sig is an SSH signature over MANIFEST (namespace "handrail").',
    '',
    `Signed as ${input.principal}${input.fingerprint === null ? '' : `, key ${input.fingerprint}`}.`,
    'That line is only a claim: trust the key only if YOUR OWN allowed_signers file lists it for',
    `${input.principal}. Never use an allowed_signers file taken from this pack or sent with it.`,
    '',
    'How to verify',
    '-------------',
    'You need tar, sha256sum (GNU coreutils; on macOS `shasum -a 256 -c MANIFEST` reads the same',
    'file) and ssh-keygen (OpenSSH 8.2 or later). Set two shell variables first:',
    "  PACK             the path of this pack's .tar file",
    '  ALLOWED_SIGNERS  the path of your own allowed_signers file, holding a line such as',
    `                   ${input.principal} namespaces="handrail" ssh-ed25519 AAAA...`,
    '',
    '1. Unpack the pack and enter its folder:',
    run('tar -xf "$PACK"'),
    run(`cd ${input.root}`),
    '',
    '2. Check that MANIFEST was signed by a key you trust (prints "Good \\"handrail\\" signature"):',
    verify('MANIFEST.sig', 'MANIFEST'),
    '',
    '3. Check every file against MANIFEST (each line must say OK):',
    run('sha256sum -c --strict MANIFEST'),
    '',
    "4. Check each run's statement (also covered by MANIFEST; signed on its own so it can be",
    '   handed on without the pack):',
    ...input.runFolders.map((folder) => verify(`${folder}/statement.sig`, `${folder}/statement.json`)),
    '',
    "A run's bundle also verifies alone: `handrail verify runs/<id>/bundle.handrail.json",
    '--allowed-signers "$ALLOWED_SIGNERS"` checks its event log and sign-offs; and',
    '`handrail verify "$PACK" --allowed-signers "$ALLOWED_SIGNERS"` makes all of the checks above.',
    '',
  ].join('\n');
}
