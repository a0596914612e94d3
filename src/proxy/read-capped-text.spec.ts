import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCappedText } from './read-capped-text';

describe('readCappedText', () => {
  it('reads a body in several chunks as UTF-8 text', async () => {
    const body = Readable.from([Buffer.from('{"a":'), Buffer.from('"ü'), Buffer.from('"}')]);
    await expect(readCappedText(body, 1024)).resolves.toEqual({ text: '{"a":"ü"}', truncated: false });
  });

  it('reads an empty body as empty text', async () => {
    await expect(readCappedText(Readable.from([]), 10)).resolves.toEqual({ text: '', truncated: false });
  });

  it('stops at the limit, keeps exactly the limit and destroys an endless body', async () => {
    const body = new Readable({ read() { this.push(Buffer.alloc(1000, 0x61)); } });
    const result = await readCappedText(body, 2500);
    expect(result).toEqual({ text: 'a'.repeat(2500), truncated: true });
    expect(body.destroyed).toBe(true);
  });

  it('survives a body that reports its own destruction as an error, as undici\'s does', async () => {
    const body = new Readable({
      read() {
        this.push(Buffer.alloc(1000, 0x61));
      },
      destroy(_error, callback) {
        callback(Object.assign(new Error('Request aborted'), { code: 'UND_ERR_ABORTED' }));
      },
    });
    const result = await readCappedText(body, 1500);
    expect(result.truncated).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.destroyed).toBe(true);
  });

  it('rejects with the stream error (e.g. a socket reset mid-body)', async () => {
    const body = new PassThrough();
    const reading = readCappedText(body, 100);
    body.write('partial');
    body.destroy(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
    await expect(reading).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('rejects when the body closes before its end without an error', async () => {
    const body = new PassThrough();
    const reading = readCappedText(body, 100);
    body.write('partial');
    body.destroy();
    await expect(reading).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('rejects at once for a body that was already destroyed', async () => {
    const body = new PassThrough();
    body.on('error', () => {}); // the stream's own error event, before anyone reads it
    body.destroy(new Error('gone'));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(readCappedText(body, 100)).rejects.toThrow('gone');
  });
});
