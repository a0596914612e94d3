import { Injectable } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import type { CostBreakdown } from '../pricing/cost-breakdown';
import { PricingService } from '../pricing/pricing.service';
import { Clock } from './clock';
import type { AttemptRecord, CompletedRequestRecord } from './completed-request-record';
import type { ErrorRecord } from './error-record';
import { outputTokensPerSecond } from './output-tokens-per-second';
import { RecordSink } from './record-sink';
import { SecretMasker } from './secret-masker';
import { toUsageLine } from './to-usage-line';
import { truncateUtf8 } from './truncate-utf8';
import type { UsageRecord } from './usage-record';

/** How much of an upstream error body the error log keeps. */
export const UPSTREAM_BODY_LIMIT_BYTES = 4096;

/**
 * Turns the proxy's completed-request records into priced usage lines and error lines. Runs on
 * the request path, so it only computes and queues: the sink writes in the background.
 */
@Injectable()
export class UsageRecorder {
  constructor(
    private readonly configService: ConfigService,
    private readonly pricing: PricingService,
    private readonly sink: RecordSink,
    private readonly masker: SecretMasker,
    private readonly clock: Clock,
  ) {}

  record(record: CompletedRequestRecord): UsageRecord {
    const priced: UsageRecord = {
      ...record,
      cost: this.price(record),
      outputTokensPerSecond: record.outputTokensPerSecond ?? outputTokensPerSecond(record.usage.outputTokens, record.durationMs, record.ttftMs),
    };
    if (this.configService.config.logging.usage.enabled) this.sink.append('usage', record.timestamp, toUsageLine(priced, (text) => this.masker.maskText(text)));
    if (record.status === 'error' || (record.status === 'cancelled' && record.error)) this.appendError(requestErrorRecord(record, this.now()));
    return priced;
  }

  /** Writes every queued line now (the sink also does so every second and at shutdown). */
  flush(): Promise<void> {
    return this.sink.flush();
  }

  /** A failed attempt that was failed over to another target (the request itself may succeed). */
  recordAttemptFailure(requestId: string, keyName: string, attempt: AttemptRecord, upstreamBody?: string): void {
    this.appendError({
      kind: 'attempt',
      requestId,
      time: this.now(),
      keyName,
      provider: attempt.provider,
      model: attempt.model,
      errorType: attempt.errorType ?? 'unknown',
      status: attempt.status,
      message: attempt.message ?? '',
      upstreamBody,
      durationMs: attempt.durationMs,
    });
  }

  private price(record: CompletedRequestRecord): CostBreakdown {
    if (record.provider && record.targetModel) return this.pricing.cost(record.provider, record.targetModel, record.usage);
    return { input: 0, cached: 0, cacheWrite: 0, output: 0, reasoning: 0, total: 0, currency: 'USD', source: 'none', discount: 1 };
  }

  private appendError(error: ErrorRecord): void {
    error.message = this.masker.maskText(error.message);
    if (error.upstreamBody) error.upstreamBody = this.masker.maskText(truncateUtf8(error.upstreamBody, UPSTREAM_BODY_LIMIT_BYTES));
    else delete error.upstreamBody;
    this.sink.append('errors', error.time, error);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function requestErrorRecord(record: CompletedRequestRecord, time: string): ErrorRecord {
  const lastAttempt = record.attempts[record.attempts.length - 1];
  return {
    kind: 'request',
    requestId: record.requestId,
    time,
    keyName: record.keyName,
    requestedModel: record.requestedModel,
    provider: record.provider ?? lastAttempt?.provider,
    model: record.targetModel ?? lastAttempt?.model,
    errorType: record.error?.type ?? lastAttempt?.errorType ?? record.status,
    status: record.httpStatus,
    message: record.error?.message ?? lastAttempt?.message ?? '',
    upstreamBody: record.error?.upstreamBody,
    durationMs: record.durationMs,
  };
}
