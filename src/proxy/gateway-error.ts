import type { IrError, IrErrorKind } from '../wire/ir';

/** An error Plexus itself answers with, already in IR form so each client envelope can carry it. */
export class GatewayError extends Error {
  constructor(readonly irError: IrError) {
    super(irError.message);
    this.name = 'GatewayError';
  }
}

export function gatewayError(kind: IrErrorKind, status: number, message: string, extra: Partial<IrError> = {}): GatewayError {
  return new GatewayError({ kind, status, message, ...extra });
}
