import { WireValidationError, type IrMessage, type IrPart, type IrToolCallPart } from '../ir';
import { decodeGeminiFunctionResponse } from './decode-gemini-function-response';
import { decodeGeminiFileData, decodeGeminiInlineData } from './decode-gemini-media';
import {
  optionalBoolean,
  optionalRecord,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from './gemini-field-readers';
import { requestToolCallId, unmatchedResultToolCallId } from './gemini-tool-call-id';

/**
 * `contents[]` → IR messages. Role `model` is the assistant; a content without role is the user
 * (as the API treats it); the legacy role `function` carried function responses and counts as
 * user too. Function calls without an id get a stable generated one, and function responses
 * without an id are matched to the earliest unanswered call of the same name, which is how
 * Gemini itself pairs them (https://ai.google.dev/gemini-api/docs/function-calling).
 */
export function decodeGeminiContents(value: unknown): IrMessage[] {
  const contents = requireArray(value, 'contents');
  const calls = new CallLedger();
  const messages: IrMessage[] = [];
  contents.forEach((item, index) => {
    const field = `contents[${index}]`;
    const content = requireRecord(item, field);
    const role = decodeRole(content.role, `${field}.role`);
    const parts = requireArray(content.parts, `${field}.parts`);
    const irParts: IrPart[] = [];
    parts.forEach((part, partIndex) => {
      const decoded = decodePart(part, `${field}.parts[${partIndex}]`, role, calls);
      if (decoded !== undefined) irParts.push(decoded);
    });
    if (irParts.length > 0) messages.push({ role, content: irParts });
  });
  return messages;
}

function decodeRole(value: unknown, field: string): IrMessage['role'] {
  const role = optionalString(value, field);
  if (role === undefined || role === 'user' || role === 'function') return 'user';
  if (role === 'model') return 'assistant';
  throw new WireValidationError(field, 'must be "user" or "model"');
}

function decodePart(value: unknown, field: string, role: IrMessage['role'], calls: CallLedger): IrPart | undefined {
  const part = requireRecord(value, field);
  const signature = optionalString(part.thoughtSignature, `${field}.thoughtSignature`);

  if (part.functionCall !== undefined) {
    if (role !== 'assistant') throw new WireValidationError(`${field}.functionCall`, 'function calls belong in a "model" content');
    const call = requireRecord(part.functionCall, `${field}.functionCall`);
    const name = requireString(call.name, `${field}.functionCall.name`);
    const id = optionalString(call.id, `${field}.functionCall.id`);
    const args = optionalRecord(call.args, `${field}.functionCall.args`) ?? {};
    const toolCall: IrToolCallPart = { type: 'tool-call', id: calls.recordCall(name, id), name, arguments: args };
    if (signature !== undefined) toolCall.signature = signature;
    return toolCall;
  }
  if (part.functionResponse !== undefined) {
    if (role !== 'user') throw new WireValidationError(`${field}.functionResponse`, 'function responses belong in a "user" content');
    const { name, id, result } = decodeGeminiFunctionResponse(part.functionResponse, `${field}.functionResponse`);
    return { ...result, toolCallId: calls.resolveResult(name, id) };
  }
  if (part.inlineData !== undefined) return decodeGeminiInlineData(part.inlineData, `${field}.inlineData`);
  if (part.fileData !== undefined) return decodeGeminiFileData(part.fileData, `${field}.fileData`);

  const text = optionalString(part.text, `${field}.text`);
  const thought = optionalBoolean(part.thought, `${field}.thought`);
  if (text === undefined && signature === undefined) return undefined;
  if (thought === true) {
    return signature === undefined ? { type: 'reasoning', text: text ?? '' } : { type: 'reasoning', text: text ?? '', signature };
  }
  return signature === undefined ? { type: 'text', text: text ?? '' } : { type: 'text', text: text ?? '', signature };
}

/** Pairs calls and responses across the whole request, in order. */
class CallLedger {
  private callCount = 0;
  private unmatchedCount = 0;
  private readonly pendingByName = new Map<string, string[]>();

  recordCall(name: string, id: string | undefined): string {
    const callId = id ?? requestToolCallId(this.callCount, name);
    this.callCount += 1;
    const pending = this.pendingByName.get(name);
    if (pending) pending.push(callId);
    else this.pendingByName.set(name, [callId]);
    return callId;
  }

  resolveResult(name: string, id: string | undefined): string {
    const pending = this.pendingByName.get(name) ?? [];
    if (id !== undefined) {
      const position = pending.indexOf(id);
      if (position >= 0) pending.splice(position, 1);
      return id;
    }
    const matched = pending.shift();
    if (matched !== undefined) return matched;
    this.unmatchedCount += 1;
    return unmatchedResultToolCallId(this.unmatchedCount - 1, name);
  }
}
