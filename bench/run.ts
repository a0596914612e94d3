/**
 * `npm run bench` (full, about 13 minutes) and `npm run bench -- --quick` (under two minutes):
 * Plexus against the mock called directly and a minimal floor proxy; writes bench/RESULTS.md
 * and bench/RESULTS.json. See bench/README.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchOptions } from './bench-options';
import { wrkAvailable } from './load/wrk-load';
import { killAllChildren } from './processes/child-processes';
import { findRepoRoot } from './repo-root';
import type { BenchReport } from './report/bench-report';
import { renderResultsMarkdown } from './report/render-results-markdown';
import { runBenchmark } from './run-benchmark';

async function main(): Promise<void> {
  const repoRoot = findRepoRoot();
  if (process.argv.includes('--render')) return rerender(repoRoot);
  const options = parseBenchOptions(process.argv.slice(2), {
    tool: wrkAvailable() ? 'wrk' : 'autocannon',
    resultsPath: join(repoRoot, 'bench', 'RESULTS.md'),
  });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`plexus bench (${options.quick ? 'quick' : 'full'}), load generator ${options.tool}`);
  const report = await runBenchmark({ repoRoot, options, log });
  if (options.resultsPath !== undefined) {
    writeFileSync(options.resultsPath, renderResultsMarkdown(report, readAnalysis(repoRoot)));
    writeFileSync(options.resultsPath.replace(/\.md$/i, '') + '.json', `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${options.resultsPath}`);
  }
  for (const target of report.targets) log(`${target.status.padEnd(12)} ${target.description}: ${target.measured}`);
}

/** `npm run bench -- --render`: RESULTS.md again from RESULTS.json and the current ANALYSIS.md, nothing measured. */
function rerender(repoRoot: string): void {
  const resultsPath = join(repoRoot, 'bench', 'RESULTS.md');
  const report = JSON.parse(readFileSync(join(repoRoot, 'bench', 'RESULTS.json'), 'utf8')) as BenchReport;
  writeFileSync(resultsPath, renderResultsMarkdown(report, readAnalysis(repoRoot)));
  process.stdout.write(`wrote ${resultsPath} from RESULTS.json (nothing measured)\n`);
}

function readAnalysis(repoRoot: string): string | undefined {
  const analysisPath = join(repoRoot, 'bench', 'ANALYSIS.md');
  return existsSync(analysisPath) ? readFileSync(analysisPath, 'utf8') : undefined;
}

const interrupt = (signal: NodeJS.Signals) => {
  killAllChildren();
  process.stderr.write(`bench: ${signal}, child processes stopped\n`);
  process.exit(130);
};
process.once('SIGINT', interrupt);
process.once('SIGTERM', interrupt);

main().catch((error: Error) => {
  killAllChildren();
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
