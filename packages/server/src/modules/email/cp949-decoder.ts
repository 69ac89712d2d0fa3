/**
 * Node's TextDecoder('euc-kr') (ICU 78, Node 24) decodes only KS X 1001: the 8,822 Hangul
 * syllables that Windows code page 949 (UHC) adds, such as 똠, 햏 or 뷁, come out as a C1
 * control plus a Latin letter ("똠" → "\u008Cc"). Outlook labels exactly that code page
 * `ks_c_5601-1987`, so Korean names and words in real mail were silently mangled.
 *
 * The WHATWG euc-kr decoder is CP949. We build its table once: KS X 1001 pairs from the
 * native decoder, and the UHC extension by its construction (the syllables missing from KS
 * X 1001, in Unicode order, laid over lead bytes 0x81–0xC6 and trail bytes 0x41–0x5A,
 * 0x61–0x7A, 0x81–0xFE, only up to 0xA0 from lead 0xA1 on). `installCp949TextDecoder()`
 * makes every `new TextDecoder('euc-kr' | 'ks_c_5601-1987' | …)` in the process use it,
 * which is how postal-mime (which has no decoder hook) gets it.
 */
const NativeTextDecoder = globalThis.TextDecoder;

let table: Uint16Array | null = null;

function buildTable(): Uint16Array {
  const t = new Uint16Array(65536);
  const native = new NativeTextDecoder('euc-kr');
  const inKsx = new Set<number>();
  const pair = new Uint8Array(2);
  for (let lead = 0xa1; lead <= 0xfe; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      pair[0] = lead;
      pair[1] = trail;
      const s = native.decode(pair);
      const code = s.length === 1 ? s.charCodeAt(0) : 0xfffd;
      if (code !== 0xfffd) {
        t[(lead << 8) | trail] = code;
        inKsx.add(code);
      }
    }
  }
  // Added to KS X 1001 in 1998 (euro sign, registered sign); ICU's table lacks them.
  t[0xa2e6] = 0x20ac;
  t[0xa2e7] = 0xae;
  let lead = 0x81;
  let trail = 0x41;
  const nextCode = () => {
    const code = (lead << 8) | trail;
    trail++;
    if (trail === 0x5b) trail = 0x61;
    else if (trail === 0x7b) trail = 0x81;
    else if (trail === 0xff || (lead >= 0xa1 && trail === 0xa1)) {
      lead++;
      trail = 0x41;
    }
    return code;
  };
  for (let syllable = 0xac00; syllable <= 0xd7a3; syllable++) {
    if (!inKsx.has(syllable)) t[nextCode()] = syllable;
  }
  return t;
}

/** CP949 bytes → text; an invalid sequence gives U+FFFD (an ASCII trail byte is kept). */
export function decodeCp949(bytes: Uint8Array): string {
  table ??= buildTable();
  const out: number[] = [];
  let chunks = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      out.push(b);
    } else if (b >= 0x81 && b <= 0xfe && i + 1 < bytes.length) {
      const trail = bytes[i + 1] as number;
      const code = table[(b << 8) | trail] ?? 0;
      if (code !== 0) {
        out.push(code);
        i++;
      } else {
        out.push(0xfffd);
        if (trail >= 0x80) i++;
      }
    } else {
      out.push(0xfffd);
    }
    if (out.length >= 8192) {
      chunks += String.fromCharCode(...out);
      out.length = 0;
    }
  }
  return chunks + String.fromCharCode(...out);
}

type DecoderOptions = ConstructorParameters<typeof NativeTextDecoder>[1];
type DecodeArgs = Parameters<InstanceType<typeof NativeTextDecoder>['decode']>;

class Cp949AwareTextDecoder extends NativeTextDecoder {
  readonly #korean: boolean;
  constructor(label?: string, options?: DecoderOptions) {
    super(label, options);
    this.#korean = this.encoding === 'euc-kr';
  }
  override decode(input?: DecodeArgs[0], options?: DecodeArgs[1]): string {
    if (!this.#korean || input === undefined || input === null || options?.stream)
      return super.decode(input, options);
    const bytes = ArrayBuffer.isView(input)
      ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
      : new Uint8Array(input);
    return decodeCp949(bytes);
  }
}

let installed = false;

export function installCp949TextDecoder(): void {
  if (installed) return;
  installed = true;
  globalThis.TextDecoder = Cp949AwareTextDecoder;
}
