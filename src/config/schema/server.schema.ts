import { NumberField, TextField } from './field-rules';

export class ServerSchema {
  @TextField({ optional: true })
  host = '0.0.0.0';

  /** 0 asks the OS for any free port (tests). */
  @NumberField({ optional: true, integer: true, min: 0, max: 65535 })
  port = 4000;

  /** 32 MiB: a chat request with a few base64 images fits; a runaway upload does not. */
  @NumberField({ optional: true, integer: true, min: 1 })
  bodyLimitBytes = 33_554_432;

  @NumberField({ optional: true, integer: true, min: 0 })
  shutdownGraceMs = 30_000;
}
