import type { BenchOptions } from '../bench-options';

/** How the figures were taken, for the Method section of RESULTS.md. */
export function methodNotes(options: BenchOptions): string[] {
  return [
    'Three targets per scenario: **direct** = the mock upstream called straight (for a translated scenario: the client\'s own format, i.e. what calling a provider of that format costs); **plexus** = Plexus in front of the same mock, routed to an OpenAI-format provider; **floor** = bench/floor-proxy.ts (node:http in, JSON.parse + JSON.stringify, undici Pool out, bytes piped back, nothing else), the least any Node gateway does.',
    `In scenarios 1-3 every target runs ${options.repetitions}× per scenario (scenario 4: ${options.openStreamsRepetitions}×), interleaved with the order rotated each repetition; figures are medians of the repetitions (counts are totals). ` +
      (options.warmupSeconds > 0 ? `A ${options.warmupSeconds} s unmeasured warm-up per target precedes each of scenarios 1-3.` : 'No warm-up (quick run).') +
      ' Scenario 5 is one long run per proxy (the RSS trend is the point); scenario 6 repeats each query 3×.',
    'Targets are judged on paired figures: repetition i of Plexus, of the floor and of direct ran back to back, so the CPU ratio to the floor is the median of the per-repetition ratios and added latency the median of the per-repetition differences to direct (the machine\'s speed drifts between repetitions; pairing cancels that). The tables show the plain medians per target; with a single repetition both are the same.',
    'Mock, floor and Plexus each run in their own process, all on 127.0.0.1. CPU per request = (utime + stime) of that process from /proc/<pid>/stat, after − before the run, divided by the answers (streams: by the streams that ended properly). All threads count (GC, libuv pool). For direct it is the mock\'s own CPU.',
    'RSS from /proc/<pid>/status VmRSS: idle just before the run, peak from samples every 100 ms (250 ms in scenario 5), end just after. The idle RSS target is read 1 s after Plexus answered /health, before any load.',
    'Non-streamed loads: wrk with one thread (or autocannon when wrk is missing), closed loop, latency percentiles in µs. Streams: the bench\'s own undici client, closed loop, each stream read to its end and parsed; a stream counts only if it ends with its format\'s terminator, carries no error event and has every text delta with the exact text the mock sent. TTFB = request sent → first body byte.',
    `Stream answers: the recorded stream of each format stretched to ${options.streamDeltas} text deltas, ${options.streamIntervalMs} ms apart (so each arrives as its own chunk). Held streams: ${options.streamDeltas} deltas spread over ${options.openStreamsHoldSeconds} s. All bodies are the recorded ones from test/fixtures/provider-wire.`,
    'Every target must pass one checked call before it is loaded (right status, right answer text in the client\'s format); a target that fails is reported with the reason instead of figures.',
    'Plexus config: one provider (OpenAI format only), aliases named like the mock models, usage logging on, prices set, log level at its default. The usage scenario uses a separate Plexus whose usage storage is the generated log.',
    'Profiles: for each missed target (full runs), a fresh Plexus under `node --cpu-prof` runs that target\'s load for a few seconds; self time is summed per function and per area (src folder, npm package, Node internals). `npm run bench -- --profile` profiles every scenario.',
  ];
}
