import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { COURSE_RULE_IDS } from '../src/core/rules/ids.js';
import { benchAppLoad } from './app-load.js';
import { benchBiomarkers } from './biomarkers.js';
import { measureBundle } from './bundle.js';
import { benchDemoFhir } from './demo-fhir.js';
import { benchFallback } from './fallback.js';
import { benchPopulationBulk } from './population-bulk.js';
import { benchPopulationClassify } from './population-classify.js';
import { benchPopulationLoad, populationLoadSection } from './population-load.js';
import { benchPopulationSynthetic } from './population-synthetic.js';
import { benchRules, breakdownRules, hotRuleFunctions, type RulesResult, withoutCourseRules } from './rules.js';
import { benchService } from './service.js';
import { benchServiceOverhead } from './service-overhead.js';
import { benchSoak } from './soak.js';
import { benchStartup } from './startup.js';
import { fmt } from './util.js';

/**
 * `npm run bench`: runs every benchmark and rewrites docs/benchmarks.md with the figures and
 * the baselines measured in the same run. `--quick` uses smaller sizes (for a smoke run);
 * `--only service,fallback` runs those sections and replaces only them in the document.
 */

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a, i) => process.argv[i - 1] === '--only' || a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.replace(/^--only=/, '').split(',')) : undefined;
const SECTIONS = [
  'biomarkers',
  'rules',
  'service',
  'fallback',
  'app-load',
  'soak',
  'bundle',
  'startup',
  'demo-fhir',
  'population',
];
const unknown = [...(only ?? [])].filter((s) => !SECTIONS.includes(s));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown section(s) ${unknown.join(', ')}; the sections are ${SECTIONS.join(', ')}\n`);
  process.exit(2);
}
const wanted = (section: string): boolean => only === undefined || only.has(section);
const sections: string[] = [];
const started = new Date();

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

if (wanted('biomarkers')) {
  const sizes = quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000];
  log(`biomarker mapping: ${sizes.join(', ')} Observations`);
  const results = benchBiomarkers(sizes, quick ? 1 : 5);
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${fmt(r.ms, 0)} ms | **${r.perSecond.toLocaleString('en')}** /s | ${fmt(r.baselineMs ?? 0, 1)} ms | ${r.note ?? ''} |`,
  );
  for (const r of results) log(`  ${r.name}: ${fmt(r.ms, 0)} ms, ${r.perSecond.toLocaleString('en')} Observations/s`);
  const big = results.find((r) => r.size === 1_000_000);
  const mid = results.find((r) => r.size === 100_000);
  const ratio = big && mid ? big.ms / mid.ms : undefined;
  sections.push(
    [
      '## Biomarker mapping (src/core)',
      '',
      'Parse (zod) → measure (LOINC match, UCUM conversion, ranges, interpretation) → derive (percent × ALC, CD4/CD8) → profile (series, trends, compartments), one patient, one core, median of the runs. Baseline: a bare loop over the same objects that reads the code, finds the catalog entry and scales the value.',
      '',
      '| case | time | Observations/s | baseline loop | note |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      ratio === undefined
        ? ''
        : `Scaling: 1M / 100k time ratio **${fmt(ratio, 2)}** (target ≤ 11; 10 is linear). Target ≥ 250,000 Observations/s.`,
    ].join('\n'),
  );
}

if (wanted('rules')) {
  const cases = quick
    ? [{ observations: 1_000, orders: 50, drafts: 20 }]
    : [
        { observations: 1_000, orders: 50, drafts: 20 },
        { observations: 10_000, orders: 500, drafts: 20 },
        { observations: 100_000, orders: 5_000, drafts: 20 },
      ];
  log('rules engine: patient context + 20 draft orders');
  const results = await benchRules(cases, quick ? 3 : 30);
  for (const r of results) {
    log(
      `  ${r.observations} obs, ${r.orders} orders: context ${fmt(r.contextMs, 2)} ms + evaluate ${fmt(r.evaluateMs, 2)} ms`,
    );
  }
  const base = results.find((r) => r.observations === 10_000);
  const big = results.find((r) => r.observations === 100_000);
  const focus = cases[1] ?? (cases[0] as (typeof cases)[number]);
  // Alternated rounds, the median round of each: one pair of runs differs by more than the rules cost.
  const pairs: { without: RulesResult; withAll: RulesResult }[] = [];
  for (let round = 0; round < (quick ? 1 : 5); round++) {
    const [w] = await benchRules([focus], quick ? 3 : 30, withoutCourseRules());
    const [a] = await benchRules([focus], quick ? 3 : 30);
    if (w && a) pairs.push({ without: w, withAll: a });
  }
  const medianBy = (pick: (p: (typeof pairs)[number]) => RulesResult) =>
    [...pairs.map(pick)].sort((x, y) => x.totalMs - y.totalMs)[Math.floor(pairs.length / 2)];
  const without = medianBy((p) => p.without);
  const withAll = medianBy((p) => p.withAll);
  const breakdown = breakdownRules(focus, quick ? 3 : 15);
  const hot = await hotRuleFunctions(focus, quick ? 5 : 30);
  for (const p of breakdown.parts) log(`  ${p.part}: ${fmt(p.ms, 2)} ms`);
  sections.push(
    [
      '## Rules engine (src/core/rules)',
      '',
      "One patient: build the context (immune profile from the Observations, recognition of every MedicationRequest in the history), then recognise 20 draft orders (boosters, G-CSF, vitamin D, levamisole, MMR, omega-3, echinacea, a neutral drug) and evaluate all fifteen rules, back to back as the service does (no collection forced between runs). Median of 30 runs after 5 warm-up runs on one thread: elapsed time (what the caller waits for; it counts other work on the machine, so measure alone), the process's CPU time (`process.cpuUsage`: the main thread plus V8's garbage-collection and compiler threads), and the collector's pauses per run (mean, `PerformanceObserver('gc')`).",
      '',
      '| Observations | MedicationRequests | drafts | context | evaluate | total elapsed | process CPU | GC pauses | findings |',
      '|---|---|---|---|---|---|---|---|---|',
      ...results.map(
        (r) =>
          `| ${r.observations.toLocaleString('en')} | ${r.orders.toLocaleString('en')} | ${r.drafts} | ${fmt(r.contextMs, 2)} ms | ${fmt(r.evaluateMs, 2)} ms | **${fmt(r.totalMs, 2)} ms** | ${fmt(r.cpuMs, 2)} ms | ${fmt(r.gcMs, 2)} ms | ${r.findings} |`,
      ),
      '',
      base && big
        ? `Target: ≤ 20 ms for 10k Observations, 500 MedicationRequests and 20 drafts. Scaling 100k/10k total time ratio **${fmt(big.totalMs / base.totalMs, 2)}** (10 is linear).`
        : '',
      '',
      without && withAll
        ? `Issue 16's five course rules (${COURSE_RULE_IDS.map((id) => `\`${id}\``).join(', ')}), measured in 5 alternated rounds (median round of each) on the ${focus.observations.toLocaleString('en')} / ${focus.orders} / ${focus.drafts} case: total **${fmt(withAll.totalMs, 2)} ms** with them, ${fmt(without.totalMs, 2)} ms without them (evaluate ${fmt(withAll.evaluateMs, 2)} vs ${fmt(without.evaluateMs, 2)} ms): **${fmt((withAll.totalMs / without.totalMs - 1) * 100, 1)} %** (target within 10 %).`
        : '',
      '',
      `Where the time goes (${breakdown.observations.toLocaleString('en')} Observations, ${breakdown.orders} MedicationRequests, ${breakdown.drafts} drafts; each part timed apart, elapsed, median of the runs; the per-rule rows run first, so the first rule that asks for the courses builds them and \`evaluate()\` whole then finds them cached):`,
      '',
      '| part | time |',
      '|---|---|',
      ...breakdown.parts.map((p) => `| ${p.part} | ${fmt(p.ms, 2)} ms |`),
      '',
      'The functions with the most self time in the same case (V8 sampling profile, µs per run; `bench/cpu-profile.ts`):',
      '',
      '| function (file:line in dist/) | µs/run |',
      '|---|---|',
      ...hot.map((h) => `| \`${h.fn}\` | ${fmt(h.us, 0)} |`),
    ].join('\n'),
  );
}

if (wanted('service')) {
  log('CDS Hooks service: autocannon, 32 connections, order-sign');
  const r = await benchService(
    quick
      ? { seconds: 3, warmupSeconds: 1, latencyRequests: 300, profileSeconds: 2 }
      : { seconds: 10, warmupSeconds: 3, latencyRequests: 2000, profileSeconds: 5 },
  );
  const overhead = await benchServiceOverhead(quick ? 2 : 5, quick ? 200 : 500);
  const label = {
    immunosteward: 'immunosteward',
    baseline: 'baseline (node:http + node:crypto)',
    'baseline-core': 'baseline + core',
  };
  const row = (alg: string) => {
    const find = (server: string) => r.loads.find((l) => l.alg === alg && l.server === server);
    const [base, core, ours] = [find('baseline'), find('baseline-core'), find('immunosteward')];
    if (!base || !core || !ours) return '';
    for (const l of [ours, core, base])
      log(`  ${alg} ${l.server}: ${fmt(l.rps, 0)} req/s p99 ${l.p99} ms, ${fmt(l.usage.cpuUs, 0)} µs CPU/call`);
    const line = (l: typeof base) =>
      `| ${alg} | ${label[l.server]} | ${fmt(l.rps, 0)} | ${l.p50} | ${l.p99} | ${l.non2xx} | ${l.errors} | ${fmt(l.usage.cpuUs, 0)} | ${fmt(l.usage.gcMs * 1000, 0)} (${fmt(l.usage.gcPauses, 2)}) |`;
    return [
      line(ours),
      line(core),
      line(base),
      `| ${alg} | **ratio to baseline + core** | **${fmt((ours.rps / core.rps) * 100, 0)} %** | | **${fmt(ours.p99 / core.p99, 2)}×** | | | | |`,
      `| ${alg} | **ratio to baseline** | **${fmt((ours.rps / base.rps) * 100, 0)} %** | | ${fmt(ours.p99 / base.p99, 2)}× | | | | |`,
    ].join('\n');
  };
  const lat = r.latencies.map(
    (l) => `| ${label[l.server]} | ${l.alg} | ${l.requests} | ${fmt(l.p50us / 1000, 2)} | ${fmt(l.p99us / 1000, 2)} |`,
  );
  for (const l of r.latencies)
    log(`  single connection ${l.server} ${l.alg}: p50 ${fmt(l.p50us / 1000, 2)} ms, p99 ${fmt(l.p99us / 1000, 2)} ms`);
  const stageRows = (['ES384', 'RS384'] as const).map((alg) => {
    const core = r.loads.find((l) => l.alg === alg && l.server === 'baseline-core');
    const ours = r.loads.find((l) => l.alg === alg && l.server === 'immunosteward');
    if (!core || !ours) return '';
    const st = core.usage.stagesUs;
    const timed = st.parse + st.verify + st.context + st.rules + st.cards;
    return `| ${alg} | ${fmt(st.parse, 0)} | ${fmt(st.verify, 0)} | ${fmt(st.context, 0)} | ${fmt(st.rules, 0)} | ${fmt(st.cards, 0)} | ${fmt(core.usage.cpuUs - timed, 0)} | **${fmt(core.usage.cpuUs, 0)}** (GC ${fmt(core.usage.gcMs * 1000, 0)}) | **${fmt(ours.usage.cpuUs, 0)}** (GC ${fmt(ours.usage.gcMs * 1000, 0)}) | **${fmt(ours.usage.cpuUs - core.usage.cpuUs, 0)}** |`;
  });
  const profileRows = r.profile
    ? r.profile.parts
        .filter((p) => p.us >= 5)
        .map((p) => `| ${p.part} | ${fmt(p.us, 0)} | ${fmt((p.us / (r.profile?.busyUs ?? 1)) * 100, 1)} % |`)
    : [];
  sections.push(
    [
      '## CDS Hooks service (cds-hooks/)',
      '',
      `order-sign with full prefetch: ${fmt(r.bodyBytes / 1024, 1)} kB body (150 Observations, 20 MedicationRequests, 3 draft orders), a fresh signed JWT per request (replayed jti are refused). Server and load generator are separate processes on loopback; ${quick ? 3 : 10} s runs after a warm-up. Baseline: a bare node:http server that parses the same body, verifies the same JWT with node:crypto and returns a fixed card. Baseline + core: the same server that then runs the service's src/core evaluation and card rendering on the parsed body (\`bench/core-call.ts\`): the unavoidable work plus the domain work, without the framework. CPU and GC per call are measured by each server process over the run (\`process.cpuUsage\`, \`PerformanceObserver('gc')\`).`,
      '',
      '| alg | server | req/s | p50 ms | p99 ms | non-2xx | errors | CPU µs/call | GC µs/call (pauses) |',
      '|---|---|---|---|---|---|---|---|---|',
      row('ES384'),
      row('RS384'),
      '',
      'Targets: the service ≥ 80 % of the baseline + core throughput (ES384 and RS384) and ≥ 80 % of the bare baseline with ES384; p99 ≤ 1.5× the baseline + core p99 (autocannon latencies are whole milliseconds).',
      '',
      "CPU per call by stage, µs: timers around each stage in the baseline + core server under the load above ('rest': node:http, reading the body, writing the response); the service runs the same stages, so what it spends beyond the baseline + core is its own (framework, hooks, JSON pre-scan, JWT library, validation, records):",
      '',
      '| alg | parse | verify | context | rules | cards | rest | baseline + core CPU | service CPU | service beyond baseline + core |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...stageRows,
      '',
      ...(r.profile
        ? [
            `Where the service's CPU goes (V8 sampling profile of the service under the same load, ${r.profile.alg}, ${r.profile.requests} calls, µs per call; a sample counts for the nearest frame of our code above it, GC, JSON and JWT by themselves, so the writing of the answer counts under \`service: http/server\`, whose synchronous onSend hooks hand it on; \`bench/cpu-profile.ts\`):`,
            '',
            '| part | µs/call | share |',
            '|---|---|---|',
            ...profileRows,
            '',
          ]
        : []),
      "What the service does beyond the baseline + core, each piece alone in the benchmark's process (CPU µs per call, median of rounds; `bench/service-overhead.ts`):",
      '',
      '| piece | CPU µs/call |',
      '|---|---|',
      ...overhead.map((o) => `| ${o.part} | ${fmt(o.us, 0)} |`),
      '',
      'Single connection (closed loop, microsecond timer):',
      '',
      '| server | alg | requests | p50 ms | p99 ms |',
      '|---|---|---|---|---|',
      ...lat,
      '',
      'Targets: p50 ≤ 2 ms, p99 ≤ 5 ms (RS384).',
    ].join('\n'),
  );
}

if (wanted('fallback')) {
  log('fallback path: order-sign without prefetch, FHIR server 100 ms away');
  const f = await benchFallback({ delayMs: 100, rounds: quick ? 1 : 5 });
  log(
    `  p50 ${fmt(f.p50Ms, 0)} ms, p95 ${fmt(f.p95Ms, 0)} ms, ${f.fhirRequestsPerCall} FHIR requests per call, ${f.parallel} at once`,
  );
  sections.push(
    [
      '## Fallback path: order-sign without prefetch',
      '',
      `The service reads the record from the FHIR server itself (\`cds-hooks/data/\`): the demo's FHIR server with its ${f.patients} synthetic patients behind node:http that waits ${f.delayMs} ms before every answer, as a remote EHR would; the service in its own process; one call at a time, each demo patient with its draft orders, ${f.calls} calls after a warm-up round. Time from request to cards at the client.`,
      '',
      '| FHIR latency | calls | p50 | p95 | slowest | FHIR requests per call (most) | in flight at once |',
      '|---|---|---|---|---|---|---|',
      `| ${f.delayMs} ms | ${f.calls} | ${fmt(f.p50Ms, 0)} ms | **${fmt(f.p95Ms, 0)} ms** | ${fmt(f.maxMs, 0)} ms | ${f.fhirRequestsPerCall} (${f.fhirRequestsMax}) | ${f.parallel} |`,
      '',
      `Target: p95 ≤ 600 ms. The queries go out in parallel (one round trip for all of them) with \`_count=200\`, so a demo patient's record comes in one page per query; the floor is one FHIR round trip (${f.delayMs} ms).`,
    ].join('\n'),
  );
}

if (wanted('soak')) {
  log('Load and soak: 1,000 connections; 100,000 requests');
  const results = await benchSoak(quick);
  for (const r of results)
    log(
      `  ${r.name}: ${r.requests} requests, ${fmt(r.rps, 0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx} (503: ${r.status503}), errors ${r.errors}, RSS ${r.before.rssMb} → ${r.after.rssMb} MB, event-loop delay p99 ${r.during.p99} ms`,
    );
  sections.push(
    [
      '## Load and soak (reliability)',
      '',
      'The real service (rate limit off: one loopback client; SQLite store in a file) under autocannon on order-sign, a fresh ES256 JWT per request, after a warm-up of 2,000 requests. Memory is read by the server process after a full garbage collection, before and after the run; the event-loop delay is sampled by the server (10 ms resolution) during the run.',
      '',
      '| scenario | connections | body | requests | req/s | p50 ms | p99 ms | max ms | non-2xx (of which 503) | errors | RSS before → after | heap before → after | event-loop delay p99 / max |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...results.map(
        (r) =>
          `| ${r.name} | ${r.connections} | ${fmt(r.bodyBytes / 1024, 1)} kB | ${r.requests.toLocaleString('en')} | ${fmt(r.rps, 0)} | ${r.p50} | ${r.p99} | ${r.max} | **${r.non2xx}** (${r.status503}) | **${r.errors}** | **${r.before.rssMb} → ${r.after.rssMb} MB** | ${r.before.heapMb} → ${r.after.heapMb} MB | ${r.during.p99} / ${r.during.max} ms |`,
      ),
      '',
      "Targets: with 1,000 connections held and a load the service can answer, and over 100,000 requests: 0 errors and 0 non-2xx; RSS growth over the 100,000 requests ≤ 64 MB. The closed-loop row shows overload: every connection sends again as soon as it is answered, far beyond what one core answers, and the service sheds with 503 + Retry-After (`server.overload`) instead of letting the queue grow; errors there are autocannon timeouts (10 s) of requests queued before the shedding started. The heap grows by design with the JWT replay cache (one entry per `jti` until its token expires: request rate × token lifetime), which the soak's 10-minute tokens keep whole to the end.",
    ].join('\n'),
  );
}

if (wanted('bundle')) {
  log('SMART app bundle: vite build');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  const b = measureBundle(`${root}dist/app`);
  const kb = (n: number) => fmt(n / 1024, 1);
  for (const p of b.pages) log(`  ${p.page}: ${kb(p.gzipBytes)} kB gzip initial`);
  sections.push(
    [
      '## SMART app bundle (src/app)',
      '',
      "Built by `vite build`; gzip level 9. Initial = the page's script, its modulepreloads and CSS; lazy = loaded on demand (the core analysis with its UCUM tables and knowledge base, the chart library).",
      '',
      '| page | initial raw | initial gzip | files |',
      '|---|---|---|---|',
      ...b.pages.map((p) => `| ${p.page} | ${kb(p.rawBytes)} kB | **${kb(p.gzipBytes)} kB** | ${p.files.join(', ')} |`),
      '',
      '| lazy chunk | raw | gzip |',
      '|---|---|---|',
      ...b.lazy.map((l) => `| ${l.file} | ${kb(l.rawBytes)} kB | ${kb(l.gzipBytes)} kB |`),
      '',
      'Target: ≤ 150 kB gzip initial.',
    ].join('\n'),
  );
}

if (wanted('app-load')) {
  log('SMART app: launch URL to rendered profile on the demo, Chromium');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  if (!existsSync(`${root}dist/app/index.html`))
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  const { cold, warm } = await benchAppLoad();
  const line = (name: string, f: typeof cold) =>
    `| ${name} | ${f.loads} | **${fmt(f.medianMs, 0)} ms** | ${fmt(f.maxMs, 0)} ms | ${f.requests} (FHIR ${f.fhirRequests}) | ${fmt(f.transferredKb, 1)} kB (FHIR ${fmt(f.fhirKb, 1)} kB) |`;
  for (const [name, f] of [
    ['cold', cold],
    ['warm', warm],
  ] as const)
    log(
      `  ${name}: median ${fmt(f.medianMs, 0)} ms, slowest ${fmt(f.maxMs, 0)} ms, ${f.requests} requests, ${fmt(f.transferredKb, 1)} kB`,
    );
  sections.push(
    [
      '## SMART app load (src/app on the embedded demo)',
      '',
      "The service with the embedded demo (`serve`, as `npm start` runs it) and Debian's Chromium (headless, playwright-core): from the launch URL (`/app/launch.html?fhirServiceUrl=…&patientId=…`, open FHIR server) to the rendered profile (the biomarker panel drawn, nothing busy), every demo patient. Cold: a new browser context (empty cache and storage); warm: the same context loading the same launch URL again. Requests: what the page fetched (app files, FHIR queries); transferred: response headers and bodies as received (0 for what the cache answered).",
      '',
      '| load | loads | median | slowest | requests | transferred |',
      '|---|---|---|---|---|---|',
      line('cold', cold),
      line('warm', warm),
      '',
      'Target: ≤ 1 s warm on the demo.',
    ].join('\n'),
  );
}

if (wanted('startup')) {
  log('npm start: time to ready and memory (embedded demo)');
  const runs = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) runs.push(await benchStartup());
  const readyMs = runs.map((r) => r.readyMs).sort((a, b) => a - b)[Math.floor(runs.length / 2)] as number;
  const rss = Math.max(...runs.map((r) => r.rssReadyMb));
  log(`  ready in ${fmt(readyMs, 0)} ms, RSS ${rss} MB`);
  sections.push(
    [
      '## Start-up of the embedded demo (`npm start`)',
      '',
      'The service process (`node dist/cds-hooks/cli/main.js serve`, embedded demo: FHIR engine definitions indexed, 11 synthetic patients loaded, app already built) from spawn to `GET /readyz` answering 200, median of the runs; resident memory at ready (largest run).',
      '',
      '| runs | time to ready | RSS at ready |',
      '|---|---|---|',
      `| ${runs.length} | **${fmt(readyMs, 0)} ms** | **${rss} MB** |`,
      '',
      '`npm start` adds the TypeScript build of the Node entry points before it (`npm run build:node`, about 2 s) and, on a fresh clone, the app build on first start.',
    ].join('\n'),
  );
}

if (wanted('demo-fhir')) {
  log("demo FHIR server: the service's prefetch queries per demo patient");
  const { perBase, stock } = benchDemoFhir(quick ? 1 : 9);
  for (const f of [perBase, stock])
    log(`  ${f.variant}: median ${fmt(f.medianMs, 1)} ms, slowest ${fmt(f.maxMs, 1)} ms`);
  sections.push(
    [
      '## Embedded demo FHIR server (`cds-hooks/demo/fhir-server.ts`)',
      '',
      `Medplum's in-memory FHIR engine answering the service's ${perBase.queries} prefetch queries (Patient, Observations by the catalog's LOINC codes, MedicationRequests, Conditions, Immunizations) for each of the ${perBase.patients} demo patients (${perBase.observations} Observations, ${perBase.resources} resources returned), one query after the other: the time the demo's order-sign and the app's loading hold the event loop the service shares. Median of the runs per patient after a warm-up run; each variant in its own process. Baseline: the same server with FHIR R4's shared search parameters as published (one union expression over every resource type, e.g. \`patient\`, \`code\`).`,
      '',
      '| search parameters | median patient | slowest patient |',
      '|---|---|---|',
      `| per base type (the demo's index) | **${fmt(perBase.medianMs, 1)} ms** | **${fmt(perBase.maxMs, 1)} ms** |`,
      `| baseline: as published | ${fmt(stock.medianMs, 1)} ms | ${fmt(stock.maxMs, 1)} ms |`,
    ].join('\n'),
  );
}

if (wanted('population')) {
  // Issue 18: synthetic population, Bulk client, warehouse load, classification (10k and 100k patients).
  const sizes = quick ? [1_000, 2_000] : [10_000, 100_000];
  log(`synthetic population: ${sizes.join(', ')} patients`);
  const synthetic = await benchPopulationSynthetic(sizes);
  for (const r of synthetic.results)
    log(
      `  ${r.patients} patients, ${r.resources} resources: generate ${fmt(r.generateMs, 0)} ms, + NDJSON ${fmt(r.writeMs, 0)} ms`,
    );
  sections.push(synthetic.section);
  log(`Bulk Data client: ${sizes.join(', ')} patients`);
  const bulk = await benchPopulationBulk(sizes);
  for (const r of bulk.results)
    log(
      `  ${r.patients} patients, ${r.resources} resources: download ${fmt(r.downloadMs, 0)} ms, peak RSS ${fmt(r.maxRssMb, 0)} MB`,
    );
  sections.push(bulk.section);
  log(`population load: ${sizes.join(', ')} synthetic patients`);
  const load = benchPopulationLoad(sizes);
  for (const f of load)
    log(`  ${f.patients} patients: ${f.resourcesPerSecond} resources/s, peak RSS ${f.peakRssMb} MB`);
  sections.push(populationLoadSection(load));
  log(`population classification: ${sizes.join(', ')} patients`);
  const classify = benchPopulationClassify(sizes);
  for (const r of classify.results)
    log(`  ${r.patients} patients, ${r.resources} resources: ${fmt(r.totalMs, 0)} ms, peak ${fmt(r.peakRssMb, 0)} MB`);
  sections.push(classify.section);
}

const header = [
  '# Benchmarks',
  '',
  `Generated by \`npm run bench\` on ${started.toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB. Every figure comes from one run of the command, baselines included; rerun it to reproduce.`,
  '',
].join('\n');

// Closing notes written by hand (before/after figures of a change), kept after the generated sections.
const notes = new URL('../../bench/closing-note.md', import.meta.url);
const closing = !quick && existsSync(notes) ? readFileSync(notes, 'utf8').trim() : undefined;

const doc = new URL('../../docs/benchmarks.md', import.meta.url);
if (!quick && !only) writeFileSync(doc, `${header}\n${[...sections, ...(closing ? [closing] : [])].join('\n\n')}\n`);
if (!quick && only) {
  writeFileSync(doc, mergeSections(existsSync(doc) ? readFileSync(doc, 'utf8') : header, sections, closing));
}
if (quick) log(`\n${sections.join('\n\n')}\n`);
log(quick ? 'quick run: docs/benchmarks.md left unchanged' : 'wrote docs/benchmarks.md');

/**
 * The document with the sections of a partial run (`--only`) in place of those of the same title,
 * new ones appended; each of them says under its title when and how it was measured, so the
 * document tells sections of the full run from those measured alone.
 */
function mergeSections(previous: string, fresh: string[], closing: string | undefined): string {
  const [head = '', ...old] = previous
    .trimEnd()
    .split(/\n(?=## )/)
    .map((s) => s.trimEnd());
  const title = (s: string) => s.slice(0, s.indexOf('\n'));
  const stamp = `_Measured alone on ${started.toISOString().slice(0, 10)}: \`npm run bench -- --only ${[...(only ?? [])].join(',')}\`._`;
  // The hand-written closing note is replaced as written: it was not measured by this run.
  const stamped = [
    ...fresh.map((f) => `${title(f)}\n\n${stamp}${f.slice(title(f).length)}`),
    ...(closing ? [closing] : []),
  ];
  const replaced = old.map((s) => stamped.find((f) => title(f) === title(s)) ?? s);
  const added = stamped.filter((f) => !old.some((s) => title(s) === title(f)));
  const note = 'Sections marked "measured alone" come from a later `--only` run.';
  const keptHead = head.trimEnd().endsWith(note) ? head.trimEnd() : `${head.trimEnd()} ${note}`;
  return `${keptHead}\n\n${[...replaced, ...added].join('\n\n')}\n`;
}
