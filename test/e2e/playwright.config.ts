import { defineConfig } from '@playwright/test';
import { findChromium } from '../support/prerequisites';

/**
 * E2E tests drive browser mode in a real Chromium: Debian's package here (Playwright's own
 * browser download cannot reach its host from our machines), or HANDRAIL_CHROMIUM. The test
 * runner (scripts/test.mjs) skips this suite with a message where no Chromium exists, and fails
 * with CI=true.
 */
const chromium = findChromium();

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../.playwright-report.json' }]],
  outputDir: '../../test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromium.path === undefined ? {} : { executablePath: chromium.path }),
      // As root in a container Chromium needs --no-sandbox. The other flags keep it from reaching
      // for Google's services, which the offline tests would count as stray requests.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
      ],
    },
  },
});
