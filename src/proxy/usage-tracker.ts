import { ESTIMATE_SAMPLE_CHARS } from '../logging/estimate-usage';
import { emptyUsage, type IrError, type IrFinishReason, type IrResponse, type IrStreamEvent, type IrUsage } from '../wire/ir';

/**
 * Watches IR stream events as they pass and keeps what the completed-request record needs:
 * usage (each usage event replaces the fields it sets: totals, never increments), finish reason,
 * the time of the first content event, and the output text in case usage must be estimated.
 */
export class UsageTracker {
  readonly usage: IrUsage = emptyUsage();
  sawUsage = false;
  finishReason?: IrFinishReason;
  firstContentAt?: number;
  error?: IrError;
  /** The start of the output (all an estimate samples) and its full length, so a long stream holds a bounded buffer. */
  private outputSample = '';
  private outputChars = 0;

  readonly onEvent = (event: IrStreamEvent): void => {
    switch (event.type) {
      case 'text-delta':
      case 'reasoning-delta':
        this.markContent();
        this.noteOutput(event.text);
        return;
      case 'tool-call-start':
        this.markContent();
        this.noteOutput(event.name);
        return;
      case 'tool-call-delta':
        this.noteOutput(event.argumentsDelta);
        return;
      case 'reasoning-signature':
      case 'redacted-reasoning':
        this.markContent();
        return;
      case 'usage':
        this.sawUsage = true;
        Object.assign(this.usage, stripUndefined(event.usage));
        return;
      case 'finish':
        this.markContent();
        this.finishReason = event.reason;
        return;
      case 'error':
        this.error = event.error;
        return;
      default:
        return;
    }
  };

  get hasContent(): boolean {
    return this.firstContentAt !== undefined;
  }

  /** A whole (non-streamed) answer: keep its text in case usage must be estimated. */
  recordOutput(response: IrResponse): void {
    for (const part of response.content) {
      if (part.type === 'tool-call') this.noteOutput(part.name + JSON.stringify(part.arguments ?? {}));
      else this.noteOutput(part.text);
    }
  }

  outputForEstimate(): { outputText: string; outputChars: number } {
    return { outputText: this.outputSample, outputChars: this.outputChars };
  }

  private noteOutput(text: string): void {
    this.outputChars += text.length;
    if (this.outputSample.length < ESTIMATE_SAMPLE_CHARS) this.outputSample += text.slice(0, ESTIMATE_SAMPLE_CHARS - this.outputSample.length);
  }

  private markContent(): void {
    if (this.firstContentAt === undefined) this.firstContentAt = performance.now();
  }
}

function stripUndefined(usage: Partial<IrUsage>): Partial<IrUsage> {
  const result: Partial<IrUsage> = {};
  for (const [key, value] of Object.entries(usage)) {
    if (typeof value === 'number') result[key as keyof IrUsage] = value;
  }
  return result;
}
