import autocannon from 'autocannon';
import type { HttpLoadResult, HttpLoadSpec } from './http-load-spec';
import { percentile } from './percentile';

/**
 * The same load through autocannon's programmatic API, used when wrk is missing. autocannon's
 * own histogram keeps whole milliseconds, so latencies are taken from its `response` events
 * (fractional ms) to keep microsecond percentiles.
 */
export function runAutocannon(spec: HttpLoadSpec): Promise<HttpLoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: 'POST',
        headers: spec.headers,
        body: spec.body,
        connections: spec.connections,
        duration: spec.durationSeconds,
        amount: spec.maxRequests,
        timeout: 10,
        // autocannon checks for the end of a run once per sample: keep that close to the duration.
        sampleInt: 100,
      },
      (error, result) => {
        clearTimeout(bound);
        if (error) return reject(error);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          tool: 'autocannon',
          requests: result.requests.total,
          errors: result.errors + result.timeouts + result.non2xx,
          durationSeconds: result.duration,
          requestsPerSecond: result['2xx'] / result.duration,
          latencyMicros: {
            p50: percentile(sorted, 50) * 1000,
            p90: percentile(sorted, 90) * 1000,
            p99: percentile(sorted, 99) * 1000,
            max: (sorted[sorted.length - 1] ?? Number.NaN) * 1000,
          },
        });
      },
    );
    // `amount` makes autocannon ignore `duration`: keep the run bounded in time anyway.
    const bound = setTimeout(() => instance.stop(), spec.durationSeconds * 1000);
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
    });
  });
}
