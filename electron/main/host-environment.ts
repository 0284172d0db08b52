/**
 * The environment the host's utility process starts with: an allow-list, not a copy of main's.
 * Whatever launches the app chooses main's environment, and Node inside the utility process reads
 * some of it as instructions (NODE_OPTIONS can `--require` any file, NODE_EXTRA_CA_CERTS adds a
 * trusted CA, ELECTRON_RUN_AS_NODE changes what the process is); the fuses stop main from obeying
 * those, this stops them reaching the host. What is passed is what a desktop session defines and
 * the host or the programs it runs need: who and where the user is, the locale, the display and
 * session bus (ssh-askpass, keyrings), the SSH agent (ssh and `ssh-keygen -Y sign`), proxies (for
 * the operator's commands in local shells), XDG folders (the data folder), and Handrail's own
 * settings. Local shells get this too, then read the user's rc files as usual.
 */

const passedNames = new Set([
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'PATH',
  'TMPDIR',
  'TZ',
  'LANG',
  'LANGUAGE',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'XAUTHORITY',
  'DBUS_SESSION_BUS_ADDRESS',
  'SSH_AUTH_SOCK',
  'SSH_AGENT_PID',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'HANDRAIL_RESOURCES_DIR',
  'HANDRAIL_CHROMIUM',
  // The practice sandbox's knobs (docs/sandbox.md).
  'HANDRAIL_PRACTICE_SANDBOX',
  'HANDRAIL_SANDBOX_SPEED',
  'HANDRAIL_SANDBOX_FAIL',
]);
const passedPrefixes = ['LC_', 'XDG_'];

export function hostEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  settings: { dataDir: string },
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (passedNames.has(name) || passedPrefixes.some((prefix) => name.startsWith(prefix))) env[name] = value;
  }
  env.HANDRAIL_DATA_DIR = settings.dataDir;
  return env;
}
