import type { ProviderConfig } from '../config/plexus-config';
import type { IrError } from '../wire/ir';
import type { ProxyContext } from './proxy-context';

export interface AnsweringTarget {
  provider: ProviderConfig;
  model: string;
}

/** Headers every proxy answer carries: the request id, and which target answered. */
export function answerHeaders(context: ProxyContext, target?: AnsweringTarget): Record<string, string> {
  const headers: Record<string, string> = {
    'x-request-id': context.requestId,
    'x-plexus-attempts': String(context.attempts.length + (target ? 1 : 0)),
  };
  if (target) {
    headers['x-plexus-provider'] = target.provider.name;
    headers['x-plexus-model'] = target.model;
  }
  return headers;
}

/** An error in the client's own envelope, with `retry-after` when there is a hint. */
export function sendError(context: ProxyContext, error: IrError): number {
  const { status, body } = context.clientCodec.encodeError(error);
  const headers = answerHeaders(context);
  headers['x-plexus-attempts'] = String(context.attempts.length);
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfterSeconds)));
  context.reply.code(status).headers(headers).type('application/json').send(JSON.stringify(body));
  return status;
}

export function sendJsonText(context: ProxyContext, text: string, headers: Record<string, string>): void {
  context.reply.code(200).headers(headers).type('application/json').send(text);
}
