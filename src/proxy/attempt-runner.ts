import { Injectable } from '@nestjs/common';
import { UpstreamClientService, type UpstreamResponse } from '../providers/upstream-client.service';
import { UpstreamTransportError, toTransportError } from '../providers/upstream-transport-error';
import { classifyFailure } from '../resilience/classify-failure';
import { CooldownService } from '../resilience/cooldown.service';
import { StatsService } from '../routing/stats.service';
import { createStreamTranslator } from '../wire';
import { CODECS } from '../wire/codecs';
import { WireValidationError, type IrError, type IrResponse } from '../wire/ir';
import type { AttemptOutcome } from './attempt-outcome';
import { buildUpstreamRequest, type PlannedTarget } from './build-upstream-request';
import { createPassthroughStream } from './passthrough-stream';
import type { ProxyContext } from './proxy-context';
import { readCappedText } from './read-capped-text';
import { answerHeaders, sendJsonText } from './reply-writer';
import { RequestRecorderService } from './request-recorder.service';
import { relayStream } from './stream-relay';
import { UsageTracker } from './usage-tracker';

const ERROR_BODY_LIMIT = 64 * 1024;
const RESPONSE_BODY_LIMIT = 64 * 1024 * 1024;

/** One try against one target: send, then answer the client or say why to fail over. */
@Injectable()
export class AttemptRunner {
  constructor(
    private readonly upstream: UpstreamClientService,
    private readonly cooldowns: CooldownService,
    private readonly stats: StatsService,
    private readonly recorder: RequestRecorderService,
  ) {}

  async run(context: ProxyContext, target: PlannedTarget): Promise<AttemptOutcome> {
    let upstreamRequest;
    try {
      upstreamRequest = buildUpstreamRequest(context, target);
    } catch (error) {
      // The request cannot be expressed in this provider's format (e.g. a document URL to OpenAI).
      if (error instanceof WireValidationError) {
        return { kind: 'client-error', error: { kind: 'invalid_request', status: 400, message: `${error.message} (provider "${target.provider.name}" speaks ${target.providerApi})`, param: error.field } };
      }
      throw error;
    }
    const trace = this.recorder.trace(context);
    trace?.upstreamRequest(upstreamRequest.url, upstreamRequest.headers, upstreamRequest.body);

    let response: UpstreamResponse;
    try {
      response = await this.upstream.send({ provider: target.provider, url: upstreamRequest.url, headers: upstreamRequest.headers, body: upstreamRequest.body, signal: context.abort });
    } catch (error) {
      if (context.clientGone) return { kind: 'cancelled' };
      return transportFailover(error, target.provider.name);
    }

    if (response.status >= 400) return this.upstreamError(context, target, response);
    const tracker = new UsageTracker();
    const outcome = context.stream
      ? await this.relay(context, target, response, upstreamRequest.sameFormat, tracker)
      : await this.answerWhole(context, target, response, upstreamRequest.sameFormat, tracker);
    if (outcome.kind === 'answered' && outcome.status === 'success') {
      this.cooldowns.recordSuccess(target.provider.name, target.model);
    }
    if (outcome.kind === 'answered' && outcome.status === 'error' && outcome.error) {
      this.recordMidStreamFailure(target, outcome.error);
    }
    return outcome;
  }

  /**
   * A provider that broke after the first byte (reset, stall, error event, cut-off stream) can no
   * longer be failed over for this request, but it is just as broken for the next one: it rests
   * like a failure before the first byte would make it, so the next request goes elsewhere.
   */
  private recordMidStreamFailure(target: PlannedTarget, error: IrError): void {
    const type = classifyFailure({ error });
    if (type === null) return;
    this.cooldowns.recordFailure(target.provider.name, target.model, type, error.retryAfterSeconds);
    this.stats.recordFailure(target.provider.name, target.model);
  }

  /** Cool the target down and count the failure against it; keep the attempt for the record. */
  recordFailure(context: ProxyContext, target: PlannedTarget, outcome: Extract<AttemptOutcome, { kind: 'failover' }>, durationMs: number): void {
    this.cooldowns.recordFailure(target.provider.name, target.model, outcome.type, outcome.error.retryAfterSeconds);
    this.stats.recordFailure(target.provider.name, target.model);
    const attempt = {
      provider: target.provider.name,
      model: target.model,
      providerApi: target.providerApi,
      status: outcome.error.status || undefined,
      errorType: outcome.type,
      message: outcome.error.message,
      durationMs: Math.round(durationMs),
    };
    context.attempts.push(attempt);
    this.recorder.attemptFailed(context, attempt, outcome.upstreamBody);
  }

  /** The provider refused the caller's input: on the record and in the error log, nothing cools down. */
  recordClientError(context: ProxyContext, target: PlannedTarget, outcome: Extract<AttemptOutcome, { kind: 'client-error' }>, durationMs: number): void {
    const attempt = {
      provider: target.provider.name,
      model: target.model,
      providerApi: target.providerApi,
      status: outcome.error.status || undefined,
      errorType: 'client_error' as const,
      message: outcome.error.message,
      durationMs: Math.round(durationMs),
    };
    context.attempts.push(attempt);
    this.recorder.attemptFailed(context, attempt, outcome.upstreamBody);
  }

  private async upstreamError(context: ProxyContext, target: PlannedTarget, response: UpstreamResponse): Promise<AttemptOutcome> {
    let text: string;
    try {
      text = (await readCappedText(response.body, ERROR_BODY_LIMIT)).text;
    } catch (error) {
      if (context.clientGone) return { kind: 'cancelled' };
      text = '';
    }
    this.recorder.trace(context)?.upstreamResponseChunk(text);
    const error = CODECS[target.providerApi].decodeError(response.status, text, response.headers);
    const type = classifyFailure({ status: response.status, error });
    const upstreamBody = text.slice(0, 4096);
    if (type === null) return { kind: 'client-error', error, upstreamBody };
    return { kind: 'failover', type, error, upstreamBody };
  }

  private async answerWhole(context: ProxyContext, target: PlannedTarget, response: UpstreamResponse, sameFormat: boolean, tracker: UsageTracker): Promise<AttemptOutcome> {
    let body;
    try {
      body = await readCappedText(response.body, RESPONSE_BODY_LIMIT);
    } catch (error) {
      if (context.clientGone) return { kind: 'cancelled' };
      return transportFailover(error, target.provider.name);
    }
    this.recorder.trace(context)?.upstreamResponseChunk(body.text);
    if (body.truncated) return badAnswer(`the response was larger than ${RESPONSE_BODY_LIMIT} bytes`);
    const providerCodec = CODECS[target.providerApi];
    let decoded: IrResponse;
    try {
      const json: unknown = JSON.parse(body.text);
      if (isErrorBody(json)) {
        // The body says what went wrong (a rate limit, an overload…): classify by what it says.
        const error = providerCodec.decodeError(200, body.text, response.headers);
        const type = classifyFailure({ error }) ?? 'server_error';
        return { kind: 'failover', type, error: { ...error, status: 502 }, upstreamBody: body.text.slice(0, 4096) };
      }
      decoded = providerCodec.decodeResponse(json);
    } catch {
      return badAnswer(`the response was not valid ${target.providerApi} JSON`, body.text);
    }
    const out = sameFormat ? body.text : JSON.stringify(context.clientCodec.encodeResponse(decoded, context.requestedModel));
    if (context.clientGone) return { kind: 'cancelled' };
    tracker.firstContentAt = performance.now();
    Object.assign(tracker.usage, decoded.usage);
    tracker.sawUsage = hasAnyUsage(decoded);
    tracker.finishReason = decoded.finishReason;
    // The answer's text is only needed when usage must be estimated.
    if (!tracker.sawUsage) tracker.recordOutput(decoded);
    this.recorder.trace(context)?.clientResponseChunk(out);
    sendJsonText(context, out, answerHeaders(context, target));
    return { kind: 'answered', status: 'success', httpStatus: 200, tracker, sameFormat };
  }

  private async relay(context: ProxyContext, target: PlannedTarget, response: UpstreamResponse, sameFormat: boolean, tracker: UsageTracker): Promise<AttemptOutcome> {
    const providerCodec = CODECS[target.providerApi];
    const translator = sameFormat
      ? createPassthroughStream({
          api: context.clientApi,
          codec: providerCodec,
          hideUsageChunk: context.clientApi === 'chat' && context.ir.includeUsage !== true,
          framing: context.framing,
          onEvent: tracker.onEvent,
        })
      : createStreamTranslator(
          providerCodec.createStreamDecoder(),
          context.clientCodec.createStreamEncoder({ model: context.requestedModel, includeUsage: context.ir.includeUsage, framing: context.framing }),
          { onEvent: tracker.onEvent },
        );
    const trace = this.recorder.trace(context);
    const outcome = await relayStream({
      context,
      body: response.body,
      translator,
      tracker,
      headers: answerHeaders(context, target),
      contentType: context.clientApi === 'gemini' && context.framing === 'json-array' ? 'application/json' : 'text/event-stream',
      toIrError: (error) => transportFailover(error, target.provider.name).error,
      onChunk: trace
        ? (upstreamText, clientText) => {
            if (upstreamText) trace.upstreamResponseChunk(upstreamText);
            if (clientText) trace.clientResponseChunk(clientText);
          }
        : undefined,
    });
    switch (outcome.kind) {
      case 'failover': {
        const type = classifyFailure({ error: outcome.error }) ?? 'server_error';
        return { kind: 'failover', type, error: outcome.error };
      }
      case 'cancelled':
        return { kind: 'answered', status: 'cancelled', httpStatus: 499, tracker, sameFormat };
      case 'failed-mid-stream':
        return { kind: 'answered', status: 'error', httpStatus: 200, tracker, sameFormat, error: outcome.error };
      case 'completed':
        return { kind: 'answered', status: 'success', httpStatus: 200, tracker, sameFormat };
    }
  }
}

/**
 * A call that got no complete HTTP answer. Errors thrown while reading a body (undici's body
 * timeout, a reset socket) arrive raw, not as UpstreamTransportError, so they are classified here
 * too: a stalled body is a `timeout`, not a provider-wide `connection_error`. The IR status is 0
 * because no upstream status applies: the attempt record then shows none (AttemptRecord.status),
 * and the status the client gets follows the type (proxy.service allTargetsFailed).
 */
function transportFailover(error: unknown, providerName: string): Extract<AttemptOutcome, { kind: 'failover' }> {
  const transport = error instanceof UpstreamTransportError ? error : toTransportError(error, providerName);
  const irError: IrError =
    transport.kind === 'timeout'
      ? { kind: 'timeout', status: 0, message: transport.message }
      : { kind: 'connection_error', status: 0, message: transport.message };
  return { kind: 'failover', type: transport.kind, error: irError };
}

function badAnswer(message: string, body?: string): Extract<AttemptOutcome, { kind: 'failover' }> {
  return { kind: 'failover', type: 'server_error', error: { kind: 'server_error', status: 502, message: `provider answered 200 but ${message}` }, upstreamBody: body?.slice(0, 4096) };
}

/** A 200 whose body is an error object (some OpenAI-compatible providers do this). */
function isErrorBody(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return true;
  const record = json as Record<string, unknown>;
  return (record.error !== undefined && record.error !== null && record.choices === undefined && record.candidates === undefined && record.content === undefined) || record.type === 'error';
}

function hasAnyUsage(response: IrResponse): boolean {
  const usage = response.usage;
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens > 0;
}
