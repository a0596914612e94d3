import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { isLogLevelEnabled } from '../config/log-level';
import { EventBusService } from '../events/event-bus.service';
import { markRequestLogged, writeRequestLine } from '../http/request-log';
import type { AttemptRecord, CompletedRequestRecord } from '../logging/completed-request-record';
import type { DebugTrace } from '../logging/debug-trace';
import { DebugTraceService } from '../logging/debug-trace.service';
import { estimateUsage, stopUsageEstimator } from '../logging/estimate-usage';
import { UsageRecorder } from '../logging/usage-recorder';
import { StatsService } from '../routing/stats.service';
import { emptyUsage } from '../wire/ir';
import type { RequestOutcome } from './attempt-outcome';
import type { ProxyContext } from './proxy-context';
import { textForEstimate } from './text-for-estimate';

/**
 * Side work after the answer (DESIGN.md: off the path): one completed-request record to the usage
 * log and the event bus, latency samples to the selectors' statistics, the request log line, and
 * the debug trace when capture is on. Everything here is synchronous and cheap; the writers batch.
 */
@Injectable()
export class RequestRecorderService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Request');
  private readonly pendingEstimates = new Set<Promise<void>>();

  constructor(
    private readonly config: ConfigService,
    private readonly usage: UsageRecorder,
    private readonly debugTraces: DebugTraceService,
    private readonly events: EventBusService,
    private readonly stats: StatsService,
  ) {}

  /** The request's debug trace, started on first use; undefined (and free) when capture is off. */
  trace(context: ProxyContext): DebugTrace | undefined {
    if (context.debugTrace === undefined) {
      const trace = this.debugTraces.start(context.requestId) ?? null;
      if (trace) trace.clientRequest(context.request.headers, context.body);
      context.debugTrace = trace;
    }
    return context.debugTrace ?? undefined;
  }

  /** Before the usage log's final flush: let records still waiting for a token count be written. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pendingEstimates]);
    await stopUsageEstimator();
  }

  attemptFailed(context: ProxyContext, attempt: AttemptRecord, upstreamBody?: string): void {
    this.usage.recordAttemptFailure(context.requestId, context.keyName, attempt, upstreamBody);
  }

  finish(context: ProxyContext, outcome: RequestOutcome): void {
    markRequestLogged(context.request);
    const record = this.buildRecord(context, outcome);
    if (context.keyName === '') {
      // No client key: nobody to account usage to, and an unauthenticated flood must not be able
      // to fill the log disk. The request log line still shows it.
      this.writeLogLine(context, record);
      return;
    }
    const tracker = outcome.tracker;
    if (tracker && !tracker.sawUsage && tracker.hasContent) {
      // The provider sent no usage (some OpenAI-compatible streams, or the client left before the
      // usage event): count tokens on a worker thread, then write the record, marked estimated.
      const texts = { inputText: textForEstimate(context.ir), ...tracker.outputForEstimate() };
      const pending = estimateUsage(texts).then(
        (usage) => this.publish(context, outcome, { ...record, usage, usageEstimated: true, outputTokensPerSecond: tokensPerSecond(record, usage.outputTokens) }),
        (error: unknown) => {
          this.logger.warn(`usage estimate for request ${record.requestId} failed: ${String(error)}; recorded without tokens`);
          this.publish(context, outcome, record);
        },
      );
      this.pendingEstimates.add(pending);
      void pending.finally(() => this.pendingEstimates.delete(pending));
    } else {
      this.publish(context, outcome, record);
    }
  }

  private publish(context: ProxyContext, outcome: RequestOutcome, record: CompletedRequestRecord): void {
    const priced = this.usage.record(record);
    this.events.publish(record.status === 'success' ? 'request.completed' : 'request.failed', priced);
    if (outcome.target && record.status === 'success' && record.ttftMs !== undefined) {
      this.stats.recordSuccess(outcome.target.provider.name, outcome.target.model, {
        ttftMs: record.ttftMs,
        outputTokensPerSecond: record.outputTokensPerSecond,
      });
    }
    context.debugTrace?.finish({ status: record.status, httpStatus: record.httpStatus, usage: record.usage });
    this.writeLogLine(context, record);
  }

  private writeLogLine(context: ProxyContext, record: CompletedRequestRecord): void {
    if (isLogLevelEnabled(this.config.config.logging.level, 'info')) {
      writeRequestLine({
        method: context.request.method,
        route: context.request.routeOptions.url ?? 'unknown',
        status: record.httpStatus,
        durationMs: record.durationMs,
        requestId: record.requestId,
        key: record.keyName || undefined,
        model: record.requestedModel || undefined,
        provider: record.provider,
        targetModel: record.targetModel,
        outcome: record.status,
      });
    }
  }

  private buildRecord(context: ProxyContext, outcome: RequestOutcome): CompletedRequestRecord {
    const now = performance.now();
    const tracker = outcome.tracker;
    const usage = tracker ? { ...tracker.usage } : emptyUsage();
    const durationMs = round(now - context.startedAt);
    const ttftMs = tracker?.firstContentAt !== undefined ? round(tracker.firstContentAt - context.startedAt) : undefined;
    const record: CompletedRequestRecord = {
      requestId: context.requestId,
      timestamp: context.timestamp,
      keyName: context.keyName,
      clientApi: context.clientApi,
      requestedModel: context.requestedModel,
      alias: context.alias,
      provider: outcome.target?.provider.name,
      targetModel: outcome.target?.model,
      providerApi: outcome.target?.providerApi,
      streamed: context.stream,
      translated: outcome.sameFormat === undefined ? outcome.target !== undefined && outcome.target.providerApi !== context.clientApi : !outcome.sameFormat,
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      attempts: context.attempts,
      usage,
      usageEstimated: false,
      finishReason: tracker?.finishReason,
      durationMs,
      ttftMs,
      outputTokensPerSecond: undefined,
    };
    if (outcome.error) {
      record.error = { type: outcome.error.kind, message: outcome.error.message, upstreamBody: outcome.upstreamBody };
    }
    record.outputTokensPerSecond = tokensPerSecond(record, usage.outputTokens);
    return record;
  }
}

/** Output tokens over the generation time (after the first token). */
function tokensPerSecond(record: CompletedRequestRecord, outputTokens: number): number | undefined {
  const generationSeconds = record.ttftMs !== undefined ? (record.durationMs - record.ttftMs) / 1000 : 0;
  return generationSeconds > 0 && outputTokens > 0 ? round(outputTokens / generationSeconds) : undefined;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
