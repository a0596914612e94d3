/**
 * Removes secrets from the text of an event before it leaves the process. Event payloads are
 * built to carry none, but some hold text a provider wrote (an upstream error body can echo the
 * key it was sent), so every frame passes through one. The admin module binds it to the same
 * masker the logs use.
 */
export abstract class EventRedactor {
  abstract redact(text: string): string;
}
