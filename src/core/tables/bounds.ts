/** A file the decoder refuses, with a one-line reason (the caller adds the file name). */
export class DecodeRefusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DecodeRefusal';
  }
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

export function boundMessage(what: string, bytes: number, maxBytes: number): string {
  return `${what} ${mb(bytes)} exceeds the memory bound of ${mb(maxBytes)} (a decompression bomb, or more than this bound allows)`;
}
