import type { IrError } from '../wire/ir';

/** Thrown by RoutingService.plan; `irError` is what the client should be answered. */
export class RoutingError extends Error {
  constructor(readonly irError: IrError) {
    super(irError.message);
    this.name = 'RoutingError';
  }
}
