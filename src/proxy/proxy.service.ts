import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { SecretMasker } from '../logging/secret-masker';
import { UpstreamAbortSignal } from '../providers/upstream-abort-signal';
import { CooldownService } from '../resilience/cooldown.service';
import { RoutingError } from '../routing/routing-error';
import { RoutingService } from '../routing/routing.service';
import { CODECS } from '../wire/codecs';
import { WireValidationError, type IrApi, type IrError } from '../wire/ir';
import type { AttemptOutcome, RequestOutcome } from './attempt-outcome';
import { AttemptRunner } from './attempt-runner';
import { ClientAuthService } from './client-auth.service';
import type { ProxyContext, RouteHints } from './proxy-context';
import { sendError } from './reply-writer';
import { RequestRecorderService } from './request-recorder.service';

/**
 * The request path of DESIGN.md: authenticate, decode, route, try each candidate until one
 * answers, then hand one completed-request record to the recorder. One instance, no
 * request-scoped providers; per-request state lives in ProxyContext.
 */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger('Proxy');

  constructor(
    private readonly auth: ClientAuthService,
    private readonly routing: RoutingService,
    private readonly cooldowns: CooldownService,
    private readonly attempts: AttemptRunner,
    private readonly recorder: RequestRecorderService,
    private readonly masker: SecretMasker,
  ) {}

  async handle(clientApi: IrApi, request: FastifyRequest, reply: FastifyReply, hints: RouteHints = {}): Promise<void> {
    const context = createContext(clientApi, request, reply, hints);
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) {
        context.clientGone = true;
        context.abort.abort();
      }
    });
    let outcome: RequestOutcome;
    try {
      outcome = await this.run(context, hints);
    } catch (error) {
      outcome = this.answerUnexpected(context, error);
    }
    this.recorder.finish(context, outcome);
  }

  private async run(context: ProxyContext, hints: RouteHints): Promise<RequestOutcome> {
    const keyName = this.auth.authenticate(context.request);
    if (keyName === undefined) {
      return this.answerError(context, {
        kind: 'authentication',
        status: 401,
        message: 'invalid or missing API key: send a Plexus client key as "Authorization: Bearer <key>", "x-api-key", "x-goog-api-key" or "?key="',
      });
    }
    context.keyName = keyName;

    const decodeError = this.decode(context, hints);
    if (decodeError) return this.answerError(context, decodeError);

    let plan;
    try {
      plan = this.routing.plan({
        requestedModel: context.requestedModel,
        clientApi: context.clientApi,
        estimatedInputTokens: estimateInputTokens(context.request),
        maxOutputTokens: context.ir.maxOutputTokens,
      });
    } catch (error) {
      if (error instanceof RoutingError) return this.answerError(context, error.irError);
      throw error;
    }
    context.alias = plan.alias;

    let last: Extract<AttemptOutcome, { kind: 'failover' }> | undefined;
    for (const target of plan.targets) {
      if (context.clientGone) return { status: 'cancelled', httpStatus: 499 };
      if (context.attempts.length > 0 && this.cooldowns.isCoolingDown(target.provider.name, target.model)) continue;
      const startedAt = performance.now();
      const outcome = await this.attempts.run(context, target);
      switch (outcome.kind) {
        case 'answered':
          return { ...outcome, target };
        case 'cancelled':
          return { status: 'cancelled', httpStatus: 499, target };
        case 'client-error':
          // Not a provider failure (no cooldown, no failover), but still an attempt on the record.
          this.attempts.recordClientError(context, target, outcome, performance.now() - startedAt);
          return { ...this.answerError(context, outcome.error), target, upstreamBody: outcome.upstreamBody };
        case 'failover':
          this.attempts.recordFailure(context, target, outcome, performance.now() - startedAt);
          last = outcome;
      }
    }
    return this.answerError(context, allTargetsFailed(context, last));
  }

  /** Validates the client body in the client's own format and fills model, stream and IR. */
  private decode(context: ProxyContext, hints: RouteHints): IrError | undefined {
    const body = context.request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { kind: 'invalid_request', status: 400, message: 'the request body must be a JSON object', param: 'body' };
    }
    context.body = body as Record<string, unknown>;
    const model = context.clientApi === 'gemini' ? hints.model : context.body.model;
    if (typeof model !== 'string' || model.trim() === '') {
      return { kind: 'invalid_request', status: 400, message: 'model: is required and must be a non-empty string', param: 'model' };
    }
    try {
      context.ir = context.clientCodec.decodeRequest(context.body);
    } catch (error) {
      if (error instanceof WireValidationError) {
        return { kind: 'invalid_request', status: 400, message: error.message, param: error.field };
      }
      throw error;
    }
    context.requestedModel = model;
    context.stream = context.clientApi === 'gemini' ? hints.stream === true : context.body.stream === true;
    context.ir.model = model;
    context.ir.stream = context.stream;
    return undefined;
  }

  private answerError(context: ProxyContext, error: IrError): RequestOutcome {
    if (context.clientGone) return { status: 'cancelled', httpStatus: 499, error };
    // A provider's error text may quote the key Plexus sent it ("Incorrect API key provided: sk-…"):
    // the client never sees a configured secret.
    const httpStatus = sendError(context, { ...error, message: this.masker.maskText(error.message) });
    return { status: 'error', httpStatus, error };
  }

  private answerUnexpected(context: ProxyContext, error: unknown): RequestOutcome {
    // The request id doubles as the error id: it is in the answer and in this log line.
    this.logger.error(`request ${context.requestId} failed inside Plexus: ${error instanceof Error ? error.stack : String(error)}`);
    const irError: IrError = {
      kind: 'gateway_error',
      status: 500,
      message: `internal gateway error (error id ${context.requestId})`,
    };
    if (context.reply.sent || context.reply.raw.headersSent) {
      if (!context.reply.raw.writableEnded) context.reply.raw.end();
      return { status: 'error', httpStatus: 500, error: irError };
    }
    return this.answerError(context, irError);
  }
}

function createContext(clientApi: IrApi, request: FastifyRequest, reply: FastifyReply, hints: RouteHints): ProxyContext {
  return {
    requestId: String(request.id ?? randomUUID()),
    clientApi,
    clientCodec: CODECS[clientApi],
    startedAt: performance.now(),
    timestamp: new Date().toISOString(),
    request,
    reply,
    keyName: '',
    body: {},
    ir: { model: '', system: [], messages: [], stream: false },
    requestedModel: clientApi === 'gemini' ? (hints.model ?? '') : '',
    stream: false,
    framing: hints.framing ?? 'sse',
    abort: new UpstreamAbortSignal(),
    attempts: [],
    clientGone: false,
    debugTrace: undefined,
  };
}

/** A cheap size-based estimate (≈4 bytes per token) for the cost selector; no tokenizer on the hot path. */
function estimateInputTokens(request: FastifyRequest): number {
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > 0 ? Math.ceil(length / 4) : 0;
}

function allTargetsFailed(
  context: ProxyContext,
  last: Extract<AttemptOutcome, { kind: 'failover' }> | undefined,
): IrError {
  if (!last) {
    // Every remaining target went into cooldown while this request was being served.
    return { kind: 'overloaded', status: 503, message: `no target of "${context.requestedModel}" is available right now` };
  }
  const tried = context.attempts
    .map((attempt) => `${attempt.provider}/${attempt.model}: ${attempt.errorType}${attempt.status ? ` ${attempt.status}` : ''}`)
    .join('; ');
  // 429 stays 429 (with its retry-after), timeouts are 504, every other provider failure is a bad gateway.
  const status = last.type === 'rate_limit' ? 429 : last.type === 'timeout' ? 504 : 502;
  return {
    ...last.error,
    status,
    message: `all ${context.attempts.length} target(s) of "${context.requestedModel}" failed (${tried}); last error: ${last.error.message}`,
  };
}

