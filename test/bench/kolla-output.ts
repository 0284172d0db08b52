/**
 * Deterministic terminal output of a kolla-ansible run, as a pty delivers it: ansible's PLAY and
 * TASK banners, coloured per-host results (SGR escapes, as ansible prints them on a terminal),
 * item dicts, and container log lines with request ids, instance UUIDs, addresses and timings, so
 * the full-text index holds a realistic, large vocabulary and not a handful of repeated words.
 * Lines end in CRLF (the pty's onlcr). The same seed always gives the same bytes.
 */

/** The rare word: printed only in the lines a caller asks for, so its hit count is known. */
export const rareWord = 'unexpectedly';

const roles = [
  'nova',
  'neutron',
  'keystone',
  'glance',
  'cinder',
  'heat',
  'horizon',
  'placement',
  'rabbitmq',
  'mariadb',
  'memcached',
  'openvswitch',
  'haproxy',
  'octavia',
  'designate',
  'barbican',
  'ironic',
  'magnum',
  'manila',
  'prometheus',
  'grafana',
  'fluentd',
  'opensearch',
];
const services: Record<string, string[]> = {
  nova: ['nova-api', 'nova-scheduler', 'nova-conductor', 'nova-compute', 'nova-novncproxy'],
  neutron: ['neutron-server', 'neutron-openvswitch-agent', 'neutron-l3-agent', 'neutron-dhcp-agent'],
  rabbitmq: ['rabbitmq'],
  mariadb: ['mariadb', 'mariadb-clustercheck'],
};
const tasks = [
  'Ensuring config directories exist',
  'Copying over config.json files for services',
  'Copying over {role}.conf',
  'Check {role} containers',
  'Running {role} bootstrap container',
  'Restart {service} container',
  'Checking free port for {role} API',
  'Pulling {service} image',
  'Waiting for {service} to be healthy',
  'Flush handlers',
  'Creating {role} database',
  'Creating {role} database user and setting permissions',
  'Enable log rotation for {service}',
  'Stopping all {role} services before the upgrade',
  'Run {role} upgrade checks',
];
const logTemplates = [
  'INFO {module} [req-{uuid} - - - - -] [instance: {uuid}] Took {float} seconds to spawn the instance on the hypervisor.',
  'INFO {module} [req-{uuid} admin admin] {ip} "GET /v2.1/servers/detail HTTP/1.1" status: 200 len: {int} time: {float}',
  'WARNING {module} [-] Unable to refresh the cache of host {host}; retrying in {int} seconds',
  'INFO oslo_service.service [-] Child {int} exited with status 0',
  'DEBUG oslo_concurrency.lockutils [req-{uuid}] Lock "compute_resources" acquired by "{module}" :: waited {float}s',
  'INFO {module} [req-{uuid}] Migrated database schema to revision {hex} in {float} seconds',
  'WARNING oslo_messaging._drivers.amqpdriver [-] Reconnected to AMQP server on {ip}:5672 via [amqp] client',
  'INFO {module} [req-{uuid}] Volume {uuid} attached to instance {uuid} at /dev/vd{letter}',
];
const modules = [
  'nova.compute.manager',
  'nova.scheduler.manager',
  'neutron.agent.l3.agent',
  'cinder.volume.manager',
  'keystone.common.wsgi',
  'glance.api.v2.images',
  'placement.handlers.allocation',
];

type Random = () => number;

function generator(seed: number): Random {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** One command's output: `lines` lines cut into the pieces a pty read returns. */
export interface CommandOutput {
  /** Pieces of at most `readBytes`, each ending at a line end, in order. */
  reads: Buffer[];
  bytes: number;
}

export interface OutputOptions {
  seed: number;
  lines: number;
  /** Line numbers (0-based) that print the rare word. */
  rareLines?: readonly number[];
  /** Largest read (the pty read size ansible's output arrives in). */
  readBytes?: number;
}

/**
 * The output of one `kolla-ansible upgrade` command. Reads end at line ends (ansible writes a
 * line at a time), so no word is ever split between two stored chunks and the rare word's hit
 * count is exactly the number of chunks holding its lines.
 */
export function kollaOutput({ seed, lines, rareLines = [], readBytes = 4096 }: OutputOptions): CommandOutput {
  const random = generator(seed);
  const text = new LineSource(random, new Set(rareLines));
  const reads: Buffer[] = [];
  let read: string[] = [];
  let readSize = 0;
  let bytes = 0;
  for (let line = 0; line < lines; line++) {
    const next = text.line(line);
    const size = Buffer.byteLength(next);
    if (readSize + size > readBytes && read.length > 0) {
      reads.push(Buffer.from(read.join('')));
      read = [];
      readSize = 0;
    }
    read.push(next);
    readSize += size;
    bytes += size;
  }
  if (read.length > 0) reads.push(Buffer.from(read.join('')));
  return { reads, bytes };
}

/** Produces lines in the rhythm of a playbook: a banner, then one result per host, then logs. */
class LineSource {
  private queue: string[] = [];

  constructor(
    private readonly random: Random,
    private readonly rare: ReadonlySet<number>,
  ) {}

  line(number: number): string {
    if (this.rare.has(number)) return this.rareLine();
    if (this.queue.length === 0) this.queue = this.task();
    return this.queue.shift() as string;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }

  private host(): string {
    const kind = this.random();
    if (kind < 0.1) return `ctl-${String(1 + this.int(3)).padStart(2, '0')}`;
    if (kind < 0.15) return `net-${String(1 + this.int(2)).padStart(2, '0')}`;
    return `cmp-${String(1 + this.int(240)).padStart(3, '0')}`;
  }

  private hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.int(0x100000000).toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  private uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-${this.hex(4)}-${this.hex(4)}-${this.hex(12)}`;
  }

  /** A banner, its result per host and now and then the container's log: one task's output. */
  private task(): string[] {
    const role = this.pick(roles);
    const service = this.pick(services[role] ?? [role]);
    if (this.random() < 0.02) return [this.banner(`PLAY [Apply role ${role}]`), ''].map(crlf);
    const name = this.pick(tasks).replace('{role}', role).replace('{service}', service);
    const out = ['', this.banner(`TASK [${role} : ${name}]`)];
    const hosts = 1 + this.int(24);
    for (let index = 0; index < hosts; index++) out.push(this.result(service));
    if (this.random() < 0.3) for (let index = 3 + this.int(20); index > 0; index--) out.push(this.logLine());
    return out.map(crlf);
  }

  private banner(title: string): string {
    return `${title} ${'*'.repeat(Math.max(3, 79 - title.length))}`;
  }

  private result(service: string): string {
    const kind = this.random();
    const host = this.host();
    if (kind < 0.55) return `\x1b[0;32mok: [${host}]\x1b[0m`;
    if (kind < 0.75) return `\x1b[0;33mchanged: [${host}] => (item=${service})\x1b[0m`;
    return (
      `\x1b[0;36mskipping: [${host}] => (item={'key': '${service}', 'value': {'container_name': ` +
      `'${service.replaceAll('-', '_')}', 'group': '${service}', 'enabled': True, 'image': ` +
      `'quay.io/openstack.kolla/${service}:2024.1-ubuntu-jammy'}})\x1b[0m`
    );
  }

  private logLine(): string {
    const time = `2025-03-${String(1 + this.int(28)).padStart(2, '0')} ${String(this.int(24)).padStart(2, '0')}:${String(this.int(60)).padStart(2, '0')}:${String(this.int(60)).padStart(2, '0')}.${String(this.int(1000)).padStart(3, '0')}`;
    const message = this.pick(logTemplates).replace(/\{(\w+)\}/g, (_, field: string) => this.field(field));
    return `${time} ${1 + this.int(40)} ${message}`;
  }

  private field(name: string): string {
    switch (name) {
      case 'uuid':
        return this.uuid();
      case 'module':
        return this.pick(modules);
      case 'float':
        return (this.random() * 30).toFixed(2);
      case 'int':
        return String(this.int(100_000));
      case 'hex':
        return this.hex(12);
      case 'ip':
        return `10.${this.int(256)}.${this.int(256)}.${1 + this.int(254)}`;
      case 'host':
        return this.host();
      default:
        return 'abcdefgh'[this.int(8)] as string;
    }
  }

  private rareLine(): string {
    return crlf(
      `\x1b[0;31mfatal: [${this.host()}]: FAILED! => {"changed": false, "msg": "libvirtError: internal error: ` +
        `qemu ${rareWord} closed the monitor"}\x1b[0m`,
    );
  }
}

function crlf(line: string): string {
  return `${line}\r\n`;
}
