import { defineConfig } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * End-to-end tests for Samskap.
 *
 * Every test runs twice, once per project:
 *  - `hydrated`: JavaScript on, the WASM bundle hydrates the server-rendered page.
 *  - `nojs`:     JavaScript off, plain HTML forms, links and redirects only.
 * Each project gets its own server process with its own fresh SQLite database,
 * so the two never share data.
 *
 * The browser is Debian's Chromium (/usr/bin/chromium); nothing is ever downloaded.
 */

const repoRoot = path.resolve(__dirname, '..');
const serverBin = path.resolve(__dirname, process.env.SAMSKAP_BIN ?? '../target/debug/samskap');
const chromiumPath = process.env.SAMSKAP_CHROMIUM ?? '/usr/bin/chromium';
const demoPassword = 'demo-passord-123';
/** Traces with the DOM, network and screencast at every step, for a second look at a failure. */
const fullTrace = !!process.env.SAMSKAP_E2E_FULL_TRACE;

/** Single-quotes a string for the POSIX shell that runs webServer commands. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const allModes = [
  { name: 'hydrated', port: 3101, javaScriptEnabled: true },
  { name: 'nojs', port: 3102, javaScriptEnabled: false },
] as const;
/** `SAMSKAP_E2E_PROJECT=hydrated` (or `nojs`) runs one project and starts only its
 *  server (`--project` alone would start both). */
const only = process.env.SAMSKAP_E2E_PROJECT;
const modes = only ? allModes.filter((m) => m.name === only) : allModes;
if (modes.length === 0) throw new Error(`no project named ${only}`);

/**
 * A fresh temp dir per server. The config file is evaluated by the runner and again by
 * every worker process; the runner creates the dirs and passes their paths on through the
 * environment (which workers inherit), so workers do not create stray dirs of their own.
 */
function runDir(mode: string): string {
  const key = `SAMSKAP_E2E_DIR_${mode.toUpperCase()}`;
  const existing = process.env[key];
  if (existing) return existing;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samskap-e2e-'));
  // An empty file is a valid, empty SQLite database: the server works whether or not it
  // creates a missing database file itself.
  fs.writeFileSync(path.join(dir, 'samskap.db'), '');
  process.env[key] = dir;
  if (!process.env.SAMSKAP_E2E_KEEP_TMP) {
    // The runner stops the servers before it exits; remove their databases afterwards.
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return dir;
}

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: only ? `./test-results/${only}` : './test-results',

  use: {
    browserName: 'chromium',
    headless: true,
    // The app's default language is Norwegian bokmål; a Norwegian browser asks for it too,
    // so the result is the same whether or not the app honours Accept-Language.
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    viewport: { width: 1280, height: 800 },
    // The trace of a failed test: its steps, console and sources, without the page's DOM
    // and network at each step and without the screencast (it is recorded for every test
    // and kept for failed ones: with the DOM snapshots, 6 tests took 45 s of CPU instead
    // of 30). SAMSKAP_E2E_FULL_TRACE=1 records everything (end2end/README.md).
    trace: {
      mode: fullTrace ? 'on' : 'retain-on-failure',
      screenshots: fullTrace,
      snapshots: fullTrace,
      sources: true,
    },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },

  projects: modes.map((m) => ({
    name: m.name,
    use: {
      baseURL: `http://127.0.0.1:${m.port}`,
      javaScriptEnabled: m.javaScriptEnabled,
    },
  })),

  webServer: modes.map((m) => {
    const dir = runDir(m.name);
    return {
      name: m.name,
      // A clear message instead of the shell's "not found" when the binary is not built yet.
      command:
        `test -x ${q(serverBin)} || { echo "no server binary at ${serverBin}:` +
        ` build it first (cargo leptos build) or set SAMSKAP_BIN" >&2; exit 1; }; exec ${q(serverBin)}`,
      cwd: repoRoot,
      url: `http://127.0.0.1:${m.port}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: process.env.SAMSKAP_E2E_SERVER_LOG ? 'pipe' : 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      env: {
        SAMSKAP_LISTEN: `127.0.0.1:${m.port}`,
        DATABASE_URL: `sqlite://${path.join(dir, 'samskap.db')}`,
        SAMSKAP_DEMO: 'true',
        SAMSKAP_DEMO_PASSWORD: demoPassword,
        LEPTOS_SITE_ROOT: 'target/site',
        SAMSKAP_LOG: 'info',
      },
    } as const;
  }),
});
