// The core runs in Node and in a browser worker; it may use only what both provide.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare const performance: { now(): number } | undefined;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
