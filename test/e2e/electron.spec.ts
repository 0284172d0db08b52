import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronNode } from '../../scripts/electron-node.mjs';
import { repoRoot } from '../support/built-app';
import { electronBinary, electronMissingReason } from '../support/electron-runtime';
import { makeTempDir } from '../support/temp-dir';

const binary = electronBinary();
if (binary === undefined) console.log(`Skipping the Electron smoke tests: ${electronMissingReason}.`);
// As root (containers), Chromium refuses to start with its sandbox; nowhere else is it turned off.
const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

test.describe('the Electron app', () => {
  test.skip(binary === undefined, electronMissingReason);

  let dir: ReturnType<typeof makeTempDir>;
  let app: ElectronApplication;
  let env: Record<string, string>;
  let nodeOptionsMarker: string;

  test.beforeEach(async () => {
    dir = makeTempDir('handrail-electron-');
    // NODE_OPTIONS as anything that launches the app could set it: the unpackaged runtime's main
    // obeys it (its fuses are Electron's defaults), the host's utility process must not see it.
    nodeOptionsMarker = join(dir.path, 'node-options-ran-in');
    const evil = join(dir.path, 'evil.cjs');
    writeFileSync(
      evil,
      `require('node:fs').appendFileSync(${JSON.stringify(nodeOptionsMarker)}, (process.type ?? 'node') + '\\n');`,
    );
    env = {
      ...(process.env as Record<string, string>),
      HANDRAIL_DATA_DIR: dir.path,
      // An empty library to look at: the practice sandbox's first start is sandbox.spec.ts's.
      HANDRAIL_PRACTICE_SANDBOX: '0',
      NODE_OPTIONS: `--require ${evil}`,
    };
    app = await electron.launch({ executablePath: binary!, args: [...rootArgs, repoRoot], env });
  });

  test.afterEach(async () => {
    await app.close();
    dir.remove();
  });

  test('opens one secure window that sees the library through the host', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('host-status')).toContainText('Connected to the host (app)');
    await expect(page.getByTestId('library-empty')).toBeVisible();
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe(
      'undefined',
    );
    expect(page.url()).toBe('handrail://app/index.html');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      const web = (
        contents as unknown as { getLastWebPreferences(): Record<string, unknown> }
      ).getLastWebPreferences();
      return {
        contextIsolation: web.contextIsolation,
        sandbox: web.sandbox,
        nodeIntegration: web.nodeIntegration,
      };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    // The suite runs on the Node major this runtime ships (.ci/electron-node.sh reads it from the lockfile).
    const node = await app.evaluate(() => process.versions.node);
    expect(Number(node.split('.')[0])).toBe(electronNode().node);
    // The host started with an allow-listed environment: NODE_OPTIONS reached main, not the host.
    const ranIn = readFileSync(nodeOptionsMarker, 'utf8').trim().split('\n');
    expect(ranIn).toContain('browser');
    expect(ranIn).not.toContain('utility');
  });

  test('seals with the keychain where there is one and prints reports to PDF', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('host-status')).toContainText('Connected to the host (app)');
    const sealing = await page.evaluate(async () => {
      const secrets = (
        window as unknown as {
          handrailSecrets: {
            isAvailable(): Promise<boolean>;
            seal(text: string): Promise<string>;
            open(sealed: string): Promise<string>;
          };
        }
      ).handrailSecrets;
      const available = await secrets.isAvailable();
      if (!available) return { available, opened: null };
      return { available, opened: await secrets.open(await secrets.seal('s3cret-value')) };
    });
    expect(sealing.opened).toBe(sealing.available ? 's3cret-value' : null);
    // Main's printToPDF in a hidden offline window (an image link is not fetched, and does not
    // stop the print).
    const pdfStart = await page.evaluate(async () => {
      const printer = (window as unknown as { handrailPdf: { print(html: string): Promise<string> } })
        .handrailPdf;
      const html = '<!doctype html><title>r</title><h1>Report</h1><img src="http://127.0.0.1:9/x.png">';
      return atob(await printer.print(html)).slice(0, 5);
    });
    expect(pdfStart).toBe('%PDF-');
  });

  test('refuses navigation away from the app, a look-alike origin included', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('host-status')).toContainText('Connected to the host (app)');
    // Listeners added after the app's own guard see whether it prevented the navigation.
    await app.evaluate(({ BrowserWindow }) => {
      const seen: Array<{ url: string; prevented: boolean }> = [];
      (globalThis as { navigations?: typeof seen }).navigations = seen;
      BrowserWindow.getAllWindows()[0]!.webContents.on('will-frame-navigate', (event) =>
        seen.push({ url: event.url, prevented: event.defaultPrevented }),
      );
    });
    for (const target of ['handrail://app.evil/index.html', 'https://example.org/']) {
      await page.evaluate((url) => {
        window.location.href = url;
      }, target);
    }
    await expect
      .poll(() => app.evaluate(() => (globalThis as { navigations?: unknown[] }).navigations))
      .toEqual([
        { url: 'handrail://app.evil/index.html', prevented: true },
        { url: 'https://example.org/', prevented: true },
      ]);
    expect(page.url()).toBe('handrail://app/index.html');
    await expect(page.getByTestId('host-status')).toContainText('Connected to the host (app)');
    // No new windows either.
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('opens only confirmed http(s) links from the page, through main', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('host-status')).toContainText('Connected to the host (app)');
    // The native dialog cannot be clicked from here: main's dialog and shell are replaced by
    // recorders, and the user's answer is "Open in browser".
    await app.evaluate(({ dialog, shell }) => {
      const record = { asked: [] as string[], opened: [] as string[] };
      (globalThis as { links?: typeof record }).links = record;
      dialog.showMessageBox = (async (...args: unknown[]) => {
        const options = args.at(-1) as { message: string };
        record.asked.push(options.message);
        return { response: 0, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
      shell.openExternal = async (url: string) => {
        record.opened.push(url);
      };
    });
    const results = await page.evaluate(async () => {
      const links = (window as unknown as { handrailLinks: { open(url: string): Promise<string> } })
        .handrailLinks;
      const outcome = (url: string) => links.open(url).catch((error: Error) => `refused: ${error.message}`);
      return [await outcome('https://docs.openstack.org/'), await outcome('file:///etc/passwd')];
    });
    expect(results[0]).toBe('opened');
    expect(results[1]).toMatch(/refused: .*only http and https links/);
    expect(await app.evaluate(() => (globalThis as { links?: unknown }).links)).toEqual({
      asked: ['Open a link to docs.openstack.org in your browser?'],
      opened: ['https://docs.openstack.org/'],
    });
  });

  test('a second launch on the same data folder hands over to the first and quits', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('host-status')).toContainText('Connected to the host (app)');
    await app.evaluate(({ app: electronApp }) => {
      (globalThis as { handovers?: number }).handovers = 0;
      electronApp.on('second-instance', () => {
        (globalThis as unknown as { handovers: number }).handovers++;
      });
    });
    const second = spawn(binary!, [...rootArgs, repoRoot], { env, stdio: 'ignore' });
    const exitCode = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(exitCode).toBe(0);
    await expect.poll(() => app.evaluate(() => (globalThis as { handovers?: number }).handovers)).toBe(1);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});

test.describe('the packaged app', () => {
  test.skip(binary === undefined, electronMissingReason);
  test.setTimeout(10 * 60_000);

  test('has every fuse flipped as electron-builder.config.cjs says', () => {
    const dir = makeTempDir('handrail-package-');
    try {
      // An unpacked Linux package from the installed runtime (no download, no installers).
      execFileSync(
        process.execPath,
        [
          join(repoRoot, 'node_modules/electron-builder/cli.js'),
          '--config',
          'electron-builder.config.cjs',
          '--linux',
          'dir',
          `-c.electronDist=${join(repoRoot, 'node_modules/electron/dist')}`,
          `-c.directories.output=${dir.path}`,
        ],
        { cwd: repoRoot, stdio: 'inherit' },
      );
      const packaged = join(dir.path, 'linux-unpacked', 'handrail');
      expect(existsSync(packaged), packaged).toBe(true);
      const fromBuilder = createRequire(
        createRequire(import.meta.url).resolve('app-builder-lib/package.json'),
      );
      const read = execFileSync(
        process.execPath,
        [fromBuilder.resolve('@electron/fuses/dist/bin.js'), 'read', '--app', packaged],
        { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
      );
      const states = Object.fromEntries([...read.matchAll(/^\s+(\w+) is (\w+)$/gm)].map((m) => [m[1], m[2]]));
      expect(states).toMatchObject({
        RunAsNode: 'Disabled',
        EnableNodeOptionsEnvironmentVariable: 'Disabled',
        EnableNodeCliInspectArguments: 'Disabled',
        EnableCookieEncryption: 'Enabled',
        OnlyLoadAppFromAsar: 'Enabled',
        EnableEmbeddedAsarIntegrityValidation: 'Enabled',
        GrantFileProtocolExtraPrivileges: 'Disabled',
      });
    } finally {
      dir.remove();
    }
  });
});
