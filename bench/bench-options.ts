import type { LoadTool } from './load/http-load-spec';

export const SCENARIO_GROUPS = ['s1', 's2', 's3', 's4', 's5', 's6'] as const;
export type ScenarioGroup = (typeof SCENARIO_GROUPS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Repetitions per target in scenarios 1-3 (medians are reported). */
  repetitions: number;
  /** Repetitions of scenario 4 (1,000 held streams, ~13 s a run): its RSS figure varies little. */
  openStreamsRepetitions: number;
  /** Length of one measured load run. */
  loadSeconds: number;
  /** Unmeasured load before a scenario's first run, per target (0 = none). */
  warmupSeconds: number;
  nonStreamConcurrencies: number[];
  translatedConcurrency: number;
  streamConcurrency: number;
  streamDeltas: number;
  /** Gap between two deltas, so each reaches the proxy as its own chunk. */
  streamIntervalMs: number;
  openStreams: number;
  openStreamsHoldSeconds: number;
  /** Requests of the one soak run per proxy; the run also stops at `soakBoundSeconds`. */
  soakRequests: number;
  soakConnections: number;
  soakBoundSeconds: number;
  usageRecords: number;
  /** Scenario groups to run. */
  only: ScenarioGroup[];
  tool: LoadTool;
  /** Compile dist/ before starting Plexus. */
  build: boolean;
  /** Measure Plexus at all (off: mock and floor only). */
  plexus: boolean;
  /** `auto`: profile Plexus under the load of each missed target (full runs only). */
  profile: 'auto' | 'always' | 'never';
  /** Plexus's logging.level; undefined = its default, as users run it. */
  plexusLogLevel?: 'silly' | 'debug' | 'info' | 'warn' | 'error';
  /** No scenario starts after this many seconds, no profile 2 minutes later; each is bounded on its own too. */
  budgetSeconds: number;
  /** Where to write the report; undefined = do not write. */
  resultsPath?: string;
  /** Keep each raw `.cpuprofile` here (for Chrome DevTools or speedscope); undefined = discard. */
  profileDir?: string;
}

const FULL: Omit<BenchOptions, 'tool' | 'resultsPath'> = {
  quick: false,
  // Five, not three: on a shared 2-core VM one run in five is often off by 30 % or more.
  repetitions: 5,
  openStreamsRepetitions: 3,
  loadSeconds: 4,
  warmupSeconds: 1,
  nonStreamConcurrencies: [1, 16, 64],
  translatedConcurrency: 16,
  streamConcurrency: 16,
  streamDeltas: 20,
  streamIntervalMs: 1,
  openStreams: 1_000,
  openStreamsHoldSeconds: 10,
  soakRequests: 100_000,
  soakConnections: 16,
  soakBoundSeconds: 180,
  usageRecords: 1_000_000,
  only: [...SCENARIO_GROUPS],
  build: true,
  plexus: true,
  profile: 'auto',
  budgetSeconds: 16 * 60,
};

/** Under two minutes: one repetition, one-second loads without warm-up, smaller counts. */
const QUICK: Partial<BenchOptions> = {
  quick: true,
  repetitions: 1,
  openStreamsRepetitions: 1,
  loadSeconds: 1,
  warmupSeconds: 0,
  openStreams: 200,
  openStreamsHoldSeconds: 3,
  soakRequests: 10_000,
  soakBoundSeconds: 8,
  usageRecords: 50_000,
  profile: 'never',
  budgetSeconds: 100,
};

const USAGE = `usage: npm run bench -- [--quick] [--only=s1,s2,...] [--tool=wrk|autocannon] [--no-build] [--no-plexus]
                       [--profile|--no-profile] [--profile-dir=DIR] [--out=FILE] [--records=N]`;

/** Reads `npm run bench -- ...` arguments over the full-run defaults. */
export function parseBenchOptions(argv: readonly string[], defaults: { tool: LoadTool; resultsPath: string }): BenchOptions {
  const options: BenchOptions = { ...FULL, ...defaults };
  if (argv.includes('--quick')) Object.assign(options, QUICK);
  for (const argument of argv) {
    const [flag, value] = argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, ''];
    switch (flag) {
      case '--quick':
        break;
      case '--only':
        options.only = value.split(',').map((group) => {
          if (!(SCENARIO_GROUPS as readonly string[]).includes(group)) throw new Error(`--only: unknown scenario "${group}" (${SCENARIO_GROUPS.join(', ')})\n${USAGE}`);
          return group as ScenarioGroup;
        });
        break;
      case '--tool':
        if (value !== 'wrk' && value !== 'autocannon') throw new Error(`--tool must be wrk or autocannon, got "${value}"\n${USAGE}`);
        options.tool = value;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--no-plexus':
        options.plexus = false;
        break;
      case '--profile':
        options.profile = 'always';
        break;
      case '--no-profile':
        options.profile = 'never';
        break;
      case '--profile-dir':
        if (value === '') throw new Error(`--profile-dir needs a folder\n${USAGE}`);
        options.profileDir = value;
        break;
      case '--out':
        options.resultsPath = value;
        break;
      case '--records':
        options.usageRecords = positiveInteger('--records', value);
        break;
      default:
        throw new Error(`unknown argument "${argument}"\n${USAGE}`);
    }
  }
  return options;
}

function positiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} needs a positive whole number, got "${value}"`);
  return number;
}
