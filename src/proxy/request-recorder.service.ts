import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { isLogLevelEnabled } from '../config/log-level';
import { EventBusService } from '../events/event-bus.service';
import { markRequestLogged } from '../http/request-log';
import type { AttemptRecord, CompletedRequestRecord } from '../logging/completed-request-record';
import type { DebugTrace } from '../logging/debug-trace';
import { DebugTraceService } from '../logging/debug-trace.service';
import { estimateUsage } from '../logging/estimate-usage';
import { UsageRecorder } from '../logging/usage-recorder';
import { StatsService } from '../routing/stats.service';
import { emptyUsage } from '../wire/ir';
import type { RequestOutcome } from './attempt-outcome';
import type { ProxyContext } from './proxy-context';

const NO_TRACE = null;

/**
 * Side work after the answer (DESIGN.md: off the path): one completed-request record to the usage
 * log and the event bus, latency samples to the selectors' statistics, the request log line, and
 * the debug trace when capture is on. Everything here is synchronous and cheap; the writers batch.
 */
@Injectable()
export class RequestRecorderService {
  private readonly logger = new Logger('Request');
  private readonly traces = new WeakMap<ProxyContext, DebugTrace | null>();

  constructor(
    private readonly config: ConfigService,
    private readonly usage: UsageRecorder,
    private readonly debugTraces: DebugTraceService,
    private readonly events: EventBusService,
    private readonly stats: StatsService,
  ) {}

  /** The request's debug trace, started on first use; undefined (and free) when capture is off. */
  trace(context: ProxyContext): DebugTrace | undefined {
    let trace = this.traces.get(context);
    if (trace === undefined) {
      trace = this.debugTraces.start(context.requestId) ?? NO_TRACE;
      if (trace) trace.clientRequest(context.request.headers, context.body);
      this.traces.set(context, trace);
    }
    return trace ?? undefined;
  }

  attemptFailed(context: ProxyContext, attempt: AttemptRecord, upstreamBody?: string): void {
    this.usage.recordAttemptFailure(context.requestId, context.keyName, attempt, upstreamBody);
  }

  finish(context: ProxyContext, outcome: RequestOutcome): void {
    const record = this.buildRecord(context, outcome);
    const priced = this.usage.record(record);
    this.events.publish(record.status === 'success' ? 'request.completed' : 'request.failed', priced);
    if (outcome.target && record.status === 'success' && record.ttftMs !== undefined) {
      this.stats.recordSuccess(outcome.target.provider.name, outcome.target.model, {
        ttftMs: record.ttftMs,
        outputTokensPerSecond: record.outputTokensPerSecond,
      });
    }
    this.traces.get(context)?.finish({ status: record.status, httpStatus: record.httpStatus, usage: record.usage });
    markRequestLogged(context.request);
    if (isLogLevelEnabled(this.config.config.logging.level, 'info')) {
      this.logger.log(
        `${context.request.method} ${context.request.routeOptions.url ?? 'unknown'} ${record.httpStatus} ${record.durationMs}ms request=${record.requestId} key=${record.keyName || '-'} model=${record.requestedModel || '-'} target=${record.provider ?? '-'}/${record.targetModel ?? '-'} status=${record.status}`,
      );
    }
  }

  private buildRecord(context: ProxyContext, outcome: RequestOutcome): CompletedRequestRecord {
    const now = performance.now();
    const tracker = outcome.tracker;
    let usage = tracker ? { ...tracker.usage } : emptyUsage();
    let usageEstimated = false;
    if (tracker && !tracker.sawUsage && tracker.hasContent) {
      usage = estimateUsage({ inputText: JSON.stringify(context.body), outputText: tracker.outputTextForEstimate() });
      usageEstimated = true;
    }
    const durationMs = round(now - context.startedAt);
    const ttftMs = tracker?.firstContentAt !== undefined ? round(tracker.firstContentAt - context.startedAt) : undefined;
    const generationSeconds = ttftMs !== undefined ? (durationMs - ttftMs) / 1000 : 0;
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
      usageEstimated,
      finishReason: tracker?.finishReason,
      durationMs,
      ttftMs,
      outputTokensPerSecond: generationSeconds > 0 && usage.outputTokens > 0 ? round(usage.outputTokens / generationSeconds) : undefined,
    };
    if (outcome.error) {
      record.error = { type: outcome.error.kind, message: outcome.error.message, upstreamBody: outcome.upstreamBody };
    }
    return record;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
