export interface ParsedDataUrl {
  /** Empty when the URL names none. */
  mediaType: string;
  isBase64: boolean;
  data: string;
}

/**
 * `data:[<media type>][;base64],<data>` (RFC 2397), the form OpenAI takes for inline images and
 * `file_data`. Undefined when `url` is not a data URL. Media-type parameters (`;charset=…`) are
 * dropped: the IR keeps the bare type.
 */
export function parseDataUrl(url: string): ParsedDataUrl | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice('data:'.length, comma).split(';');
  const isBase64 = header.length > 1 && header[header.length - 1].toLowerCase() === 'base64';
  return { mediaType: header[0].trim(), isBase64, data: url.slice(comma + 1) };
}
