import type { BenchContext, BenchTarget } from './bench-context';
import { startBenchEnvironment, type PlexusLauncher } from './bench-environment';
import type { BenchOptions } from './bench-options';
import type { BenchReport, ScenarioResult } from './report/bench-report';
import { evaluateTargets, SCENARIO_IDS } from './report/evaluate-targets';
import { readMachineInfo } from './report/machine-info';
import { methodNotes } from './report/method-notes';
import { chooseProfileLoads, profilePlexus } from './report/profile-plexus';
import { runNonStreamScenario } from './scenarios/non-stream-scenario';
import { holdModelName, runOpenStreamsScenario } from './scenarios/open-streams-scenario';
import { runSoakScenario } from './scenarios/soak-scenario';
import { runStreamScenario } from './scenarios/stream-scenario';
import { runUsageScenario, type UsageLogOnDisk } from './scenarios/usage-scenario-setup';
import { mockModelName } from './wire/mock-model-shape';
import { loadWireFixtures } from './wire/wire-fixtures';

export interface RunBenchmarkSetup {
  repoRoot: string;
  options: BenchOptions;
  /** Start Plexus another way than `node dist/main.js` (the smoke test starts it in-process). */
  plexusLauncher?: PlexusLauncher;
  log?: (line: string) => void;
}

/**
 * The whole benchmark: start the mock, the floor proxy and Plexus, run the chosen scenarios with
 * every target interleaved, judge the targets, profile Plexus under the loads of missed ones,
 * and stop every process it started, whatever happens.
 */
export async function runBenchmark(setup: RunBenchmarkSetup): Promise<BenchReport> {
  const { options, repoRoot } = setup;
  const log = setup.log ?? (() => undefined);
  const startedAt = new Date();
  const machine = readMachineInfo(repoRoot);
  const streamModel = mockModelName({ deltas: options.streamDeltas, intervalMs: options.streamIntervalMs });
  const environment = await startBenchEnvironment({
    repoRoot,
    options,
    models: [streamModel, holdModelName(options.streamDeltas, options.openStreamsHoldSeconds)],
    launcher: setup.plexusLauncher,
    log,
  });
  try {
    log(`mock ${environment.mock.url}, floor ${environment.floor.url}, plexus ${environment.plexus?.url ?? environment.plexusDetail}`);
    const targets: BenchTarget[] = [{ name: 'direct', url: environment.mock.url, pid: environment.mock.pid }];
    if (environment.plexus) targets.push({ name: 'plexus', url: environment.plexus.url, pid: environment.plexus.pid });
    targets.push({ name: 'floor', url: environment.floor.url, pid: environment.floor.pid });
    const context: BenchContext = { repoRoot, options, fixtures: loadWireFixtures(repoRoot), targets, log };

    const scenarios: ScenarioResult[] = [];
    let usageLog: UsageLogOnDisk | undefined;
    const overBudget = () => (Date.now() - startedAt.getTime()) / 1000 > options.budgetSeconds;
    const run = async (title: string, scenario: () => Promise<ScenarioResult>) => {
      if (overBudget()) {
        log(`${title}: skipped, the run is past its ${options.budgetSeconds} s budget`);
        scenarios.push({ id: title, title, settings: '', unit: 'requests', rows: [], skipped: {}, extra: { 'not run': `the run was past its ${options.budgetSeconds} s budget` } });
        return;
      }
      log(`${title}…`);
      try {
        scenarios.push(await scenario());
      } catch (error) {
        log(`  failed: ${(error as Error).stack ?? error}`);
        scenarios.push({ id: title, title, settings: '', unit: 'requests', rows: [], skipped: {}, extra: { 'scenario failed': (error as Error).message } });
      }
    };
    const wanted = new Set(options.only);
    if (wanted.has('s1')) {
      for (const connections of options.nonStreamConcurrencies) {
        await run(SCENARIO_IDS.sameFormat(connections), () =>
          runNonStreamScenario(context, {
            id: SCENARIO_IDS.sameFormat(connections),
            title: `OpenAI client → OpenAI provider, non-stream, concurrency ${connections}`,
            clientFormat: 'chat',
            connections,
            model: streamModel,
          }),
        );
      }
    }
    if (wanted.has('s2')) {
      await run(SCENARIO_IDS.translated, () =>
        runNonStreamScenario(context, {
          id: SCENARIO_IDS.translated,
          title: `Anthropic client → OpenAI provider (translated), non-stream, concurrency ${options.translatedConcurrency}`,
          clientFormat: 'messages',
          connections: options.translatedConcurrency,
          model: streamModel,
        }),
      );
    }
    if (wanted.has('s3')) {
      for (const concurrency of new Set([options.streamConcurrency, 1])) {
        for (const translated of [false, true]) {
          const id = translated ? SCENARIO_IDS.streamTranslated(concurrency) : SCENARIO_IDS.streamSame(concurrency);
          const clients = translated ? 'Anthropic client → OpenAI provider (translated)' : 'OpenAI client → OpenAI provider';
          await run(id, () =>
            runStreamScenario(context, { id, title: `${clients}, streams, concurrency ${concurrency}`, clientFormat: translated ? 'messages' : 'chat', concurrency }),
          );
        }
      }
    }
    if (wanted.has('s4')) await run(SCENARIO_IDS.openStreams, () => runOpenStreamsScenario(context));
    if (wanted.has('s5')) await run(SCENARIO_IDS.soak, () => runSoakScenario(context, streamModel));
    if (wanted.has('s6')) {
      await run(SCENARIO_IDS.usage, async () => {
        const { result, onDisk } = await runUsageScenario(context, environment, repoRoot);
        usageLog = onDisk;
        return result;
      });
    }

    const plexusFacts = {
      available: environment.plexus !== undefined,
      detail: environment.plexusDetail,
      idleRssMb: environment.plexusIdleRssMb,
      floorIdleRssMb: environment.floorIdleRssMb,
    };
    const verdicts = evaluateTargets({ scenarios, plexus: plexusFacts }, options);
    // A profile needs Plexus in its own process (`node --cpu-prof`), not started by the caller.
    const toProfile = environment.plexus === undefined || setup.plexusLauncher !== undefined || overBudget() ? [] : chooseProfileLoads(options, verdicts, scenarios);
    const profiles = toProfile.length === 0 ? [] : await profilePlexus(context, environment, toProfile, startedAt.getTime() + (options.budgetSeconds + 120) * 1000, usageLog);
    return {
      quick: options.quick,
      startedAt: startedAt.toISOString(),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      loadTool: options.tool,
      plexus: plexusFacts,
      scenarios,
      targets: verdicts,
      profiles,
      notes: methodNotes(options),
    };
  } finally {
    await environment.close();
  }
}
