// The phone benchmark: a phone that has just joined the demo workshop opens its live
// board on a slow connection with an empty cache, then again with a warm one. Prints,
// per run and as the median: the time to the page's HTML, to the load event and to
// "live" (hydrated and the board's event stream open), and the bytes transferred as sent
// (compressed, headers included), by kind. Run by scripts/bench-phone.sh against a
// release build; see BENCHMARKS.md, "A phone on a slow connection".
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:3100' },
    runs: { type: 'string', default: '5' },
    code: { type: 'string', default: 'SENTRUM2' },
    chromium: { type: 'string', default: process.env.SAMSKAP_CHROMIUM ?? '/usr/bin/chromium' },
  },
});

/** The phone: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, CPU 4× slower. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;
const SCREEN = { width: 390, height: 844 };

const browser = await chromium.launch({ executablePath: args.chromium });
const runs = [];
for (let run = 1; run <= Number(args.runs); run++) {
  runs.push(await onePhone(run));
  const r = runs.at(-1);
  console.log(
    `run ${run}: html ${r.cold.html} ms, load ${r.cold.load} ms, live ${r.cold.live} ms, ` +
      `${kb(r.cold.bytes.total)} KB (${breakdown(r.cold.bytes)}); second visit: live ${r.warm.live} ms, ` +
      `${kb(r.warm.bytes.total)} KB (${breakdown(r.warm.bytes)})`,
  );
}
await browser.close();

const median = (pick) => {
  const sorted = runs.map(pick).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(`\nmedian of ${runs.length} runs, cold phone:`);
console.log(`  HTML ${median((r) => r.cold.html)} ms, load ${median((r) => r.cold.load)} ms, live ${median((r) => r.cold.live)} ms`);
console.log(`  transferred ${kb(median((r) => r.cold.bytes.total))} KB`);
for (const kind of Object.keys(runs[0].cold.bytes).filter((k) => k !== 'total')) {
  console.log(`    ${kind}: ${kb(median((r) => r.cold.bytes[kind] ?? 0))} KB`);
}
console.log(`second visit: live ${median((r) => r.warm.live)} ms, transferred ${kb(median((r) => r.warm.bytes.total))} KB`);

function kb(bytes) {
  return (bytes / 1000).toFixed(1);
}

function breakdown(bytes) {
  return Object.entries(bytes)
    .filter(([k]) => k !== 'total')
    .map(([k, v]) => `${k} ${kb(v)}`)
    .join(', ');
}

/** One phone: joins without throttling, then opens the board throttled, twice. */
async function onePhone(run) {
  const context = await browser.newContext({
    viewport: SCREEN,
    hasTouch: true,
    isMobile: true,
    locale: 'nb-NO',
    baseURL: args.base,
  });
  const lookup = await context.request.post('/api/join/lookup', {
    form: { code: args.code },
    headers: { accept: 'application/json' },
  });
  if (!lookup.ok()) throw new Error(`join/lookup: ${lookup.status()} ${await lookup.text()}`);
  const board = (await lookup.json()).boards[0][0];
  const joined = await context.request.post('/api/join/join', {
    form: { code: args.code, consent: 'yes', nickname: `Telefon ${run}` },
    headers: { accept: 'application/json' },
  });
  if (!joined.ok()) throw new Error(`join/join: ${joined.status()} ${await joined.text()}`);

  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const kinds = new Map();
  let bytes = { total: 0 };
  cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, kindOf(e)));
  cdp.on('Network.loadingFinished', (e) => {
    const kind = kinds.get(e.requestId) ?? 'other';
    bytes[kind] = (bytes[kind] ?? 0) + e.encodedDataLength;
    bytes.total += e.encodedDataLength;
  });

  const visit = async () => {
    bytes = { total: 0 };
    await page.goto(`/boards/${board}`, { waitUntil: 'commit', timeout: 120_000 });
    const live = await page.waitForFunction(
      () => (document.querySelector('section.board-cards[data-live="open"]') ? performance.now() : null),
      null,
      { timeout: 120_000, polling: 50 },
    );
    await page.waitForLoadState('load');
    const timing = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { html: n.responseEnd, load: n.loadEventEnd };
    });
    // Whatever the page still fetches once live (thumbnails) counts too. (Not
    // "networkidle": the open event stream keeps the network busy.)
    await page.waitForTimeout(1500);
    return {
      html: Math.round(timing.html),
      load: Math.round(timing.load),
      live: Math.round(await live.jsonValue()),
      bytes: { ...bytes },
    };
  };
  const cold = await visit();
  const warm = await visit();
  await context.close();
  return { cold, warm };
}

function kindOf(e) {
  const url = e.response.url;
  if (e.type === 'Document') return 'html';
  if (url.endsWith('.wasm')) return 'wasm';
  if (url.endsWith('.js')) return 'js';
  if (url.endsWith('.css')) return 'css';
  if (e.type === 'EventSource') return 'events';
  return e.type.toLowerCase();
}
