import type { BenchReport, ProfileSummary, ScenarioResult, TargetFigures } from './bench-report';

const STATUS_MARK = { met: '✅ met', missed: '❌ missed', 'not measured': '⚪ not measured' } as const;

/**
 * bench/RESULTS.md: targets first, then every scenario's figures, profiles of misses, the
 * hand-written analysis of the misses (bench/ANALYSIS.md, kept across runs), method.
 */
export function renderResultsMarkdown(report: BenchReport, analysis?: string): string {
  const { machine } = report;
  const lines = [
    '# Plexus benchmark results',
    '',
    report.quick
      ? '> **QUICK RUN** (`npm run bench -- --quick`): one repetition, one-second loads, smaller counts. A smoke check of the figures, not a measurement to compare.'
      : '> Full run (`npm run bench`): medians of the repetitions, every target interleaved with the mock called directly and the floor proxy.',
    '',
    `- **Date:** ${report.startedAt} (took ${Math.round(report.durationSeconds)} s)`,
    `- **Machine:** ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.kernel}, Node ${machine.nodeVersion}; load average ${machine.loadAverage} at the start`,
    `- **Commit:** ${machine.gitCommit}`,
    `- **Load generator:** ${report.loadTool === 'wrk' ? 'wrk (1 thread)' : 'autocannon (programmatic)'} for non-streamed calls; the bench's own undici client for streams`,
    ...plexusLines(report.plexus.detail),
    '',
    '## Targets',
    '',
    '| target | threshold | measured | status |',
    '|---|---|---|---|',
    ...report.targets.map((target) => `| ${target.description} | ${target.threshold} | ${escape(target.measured)} | ${STATUS_MARK[target.status]} |`),
    '',
    '## Scenarios',
    '',
    ...report.scenarios.flatMap(renderScenario),
  ];
  if (report.profiles.length > 0) lines.push('## CPU profiles of Plexus under the loads of missed targets', '', ...report.profiles.flatMap(renderProfile));
  if (analysis !== undefined && analysis.trim() !== '') {
    // The analysis file's own headings move one level down, under this one.
    const body = analysis.trim().replace(/^# .*\n+/, '').replace(/^(#+) /gm, '#$1 ');
    lines.push('## Causes of the misses, and what is left (from bench/ANALYSIS.md, written by hand)', '', body, '');
  }
  lines.push('## Method', '', ...report.notes.map((note) => `- ${note}`), '');
  return `${lines.join('\n')}\n`;
}

/** A failed start carries Plexus's own output: first line in the list, the rest as a code block. */
function plexusLines(detail: string): string[] {
  const [first, ...rest] = detail.split('\n');
  return rest.length === 0 ? [`- **Plexus:** ${first}`] : [`- **Plexus:** ${first}`, '', '```text', ...rest.slice(-15), '```'];
}

function renderScenario(scenario: ScenarioResult): string[] {
  const lines = [`### ${scenario.id}: ${scenario.title}`, '', scenario.settings, ''];
  if (scenario.rows.length > 0) {
    const streams = scenario.unit === 'streams';
    const floor = scenario.rows.find((row) => row.target === 'floor');
    lines.push(
      streams
        ? '| target | streams/s | TTFB p50 ms | TTFB p99 ms | added TTFB p50 ms | stream p50 ms | stream p99 ms | CPU µs/stream | × floor | RSS idle / peak / end MB | streams | incomplete | errors |'
        : '| target | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | CPU µs/req | × floor | RSS idle / peak / end MB | requests | errors |',
      streams ? '|---|---|---|---|---|---|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|---|---|---|---|---|',
      ...scenario.rows.map((row) => (streams ? streamRow(row, floor) : requestRow(row, floor))),
      '',
    );
  }
  for (const [target, reason] of Object.entries(scenario.skipped)) lines.push(`- **${target} not measured:** ${escape(reason ?? '')}`);
  for (const [name, value] of Object.entries(scenario.extra)) lines.push(`- ${name}: ${escape(String(value))}`);
  if (Object.keys(scenario.skipped).length + Object.keys(scenario.extra).length > 0) lines.push('');
  return lines;
}

function requestRow(row: TargetFigures, floor: TargetFigures | undefined): string {
  return `| ${row.target} | ${fixed(row.throughputPerSecond, 0)} | ${fixed(row.p50Ms, 3)} | ${fixed(row.p99Ms, 3)} | ${fixed(row.addedP50Ms, 3)} | ${fixed(row.addedP99Ms, 3)} | ${fixed(row.cpuMicrosPerRequest, 1)} | ${ratio(row, floor)} | ${rss(row)} | ${row.requests} | ${row.errors} |`;
}

function streamRow(row: TargetFigures, floor: TargetFigures | undefined): string {
  return `| ${row.target} | ${fixed(row.throughputPerSecond, 0)} | ${fixed(row.ttfbP50Ms, 3)} | ${fixed(row.ttfbP99Ms, 3)} | ${fixed(row.addedTtfbP50Ms, 3)} | ${fixed(row.p50Ms, 2)} | ${fixed(row.p99Ms, 2)} | ${fixed(row.cpuMicrosPerRequest, 1)} | ${ratio(row, floor)} | ${rss(row)} | ${row.requests}${row.maxOpen === undefined ? '' : ` (max open ${row.maxOpen})`} | ${row.incomplete ?? 0} | ${row.errors} |`;
}

function renderProfile(profile: ProfileSummary): string[] {
  if (profile.error !== undefined) return [`### ${profile.load}`, '', `Profile not taken: ${escape(profile.error)}`, ''];
  return [
    `### ${profile.load}`,
    '',
    `${profile.durationSeconds} s profiled, ${profile.busyMs} ms on CPU (idle excluded). Top self time:`,
    '',
    '| function | where | self ms | % of busy | mostly called via |',
    '|---|---|---|---|---|',
    ...profile.top.map(
      (entry) => `| \`${escape(entry.functionName)}\` | ${escape(entry.location)} | ${entry.selfMs} | ${entry.percentOfBusy} | ${escape(entry.mostlyVia)} |`,
    ),
    '',
    'By area:',
    '',
    '| area | self ms | % of busy |',
    '|---|---|---|',
    ...profile.byArea.map((entry) => `| ${escape(entry.area)} | ${entry.selfMs} | ${entry.percentOfBusy} |`),
    '',
  ];
}

function ratio(row: TargetFigures, floor: TargetFigures | undefined): string {
  if (floor === undefined || row.target === 'floor') return row.target === 'floor' ? '1.00' : '–';
  return fixed(row.cpuMicrosPerRequest / floor.cpuMicrosPerRequest, 2);
}

function rss(row: TargetFigures): string {
  return `${fixed(row.rssIdleMb, 1)} / ${fixed(row.rssPeakMb, 1)} / ${fixed(row.rssEndMb, 1)}`;
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
