import { LZMA_FINISH, LZMA_OK, LZMA_RUN, LZMA_STREAM_END, WasmLzmaStream, initModule } from 'node-liblzma/wasm';

/** liblzma's LZMA_CONCATENATED: decode every xz stream of the input (and the padding between), not only the first. */
const LZMA_CONCATENATED = 0x08;
const MEMLIMIT = 512n * 1024n * 1024n;
const IN_SIZE = 1024 * 1024;
const OUT_SIZE = 4 * 1024 * 1024;

/** Why xz decoding stopped: the input ended inside a stream, or the data is not (valid) xz. */
export class XzDecodeError extends Error {
  constructor(
    readonly reason: 'truncated' | 'corrupt' | 'memory',
    message: string,
  ) {
    super(message);
    this.name = 'XzDecodeError';
  }
}

const reasonOf = (ret: number): XzDecodeError['reason'] => (ret === 5 || ret === 6 ? 'memory' : ret === 10 ? 'truncated' : 'corrupt');

/**
 * Decompresses xz (one or several concatenated streams) with the WebAssembly liblzma, chunk by chunk.
 * The library's createUnxz stops after the first stream, which would silently drop the rest of a concatenated archive.
 */
export async function* xzDecode(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer> {
  const module = await initModule();
  const stream = new WasmLzmaStream(module);
  const inPtr = module._malloc(IN_SIZE);
  const outPtr = module._malloc(OUT_SIZE);
  try {
    const init = module._lzma_stream_decoder(stream.ptr, MEMLIMIT, LZMA_CONCATENATED);
    if (init !== LZMA_OK) throw new XzDecodeError('memory', `liblzma could not start decoding (code ${init}).`);
    let ended = false;
    const pump = function* (action: number): Generator<Buffer> {
      for (;;) {
        stream.setOutput(outPtr, OUT_SIZE);
        const ret = module._lzma_code(stream.ptr, action);
        const produced = OUT_SIZE - stream.availOut;
        if (produced > 0) {
          const out = Buffer.allocUnsafeSlow(produced);
          out.set(module.HEAPU8.subarray(outPtr, outPtr + produced));
          yield out;
        }
        if (ret === LZMA_STREAM_END) {
          ended = true;
          return;
        }
        if (ret !== LZMA_OK) throw new XzDecodeError(reasonOf(ret), `liblzma stopped with code ${ret}.`);
        if (stream.availIn === 0 && stream.availOut > 0) return;
      }
    };
    for await (const chunk of source) {
      for (let p = 0; p < chunk.byteLength && !ended; p += IN_SIZE) {
        const piece = chunk.subarray(p, Math.min(chunk.byteLength, p + IN_SIZE));
        module.HEAPU8.set(piece, inPtr);
        stream.setInput(inPtr, piece.byteLength);
        yield* pump(LZMA_RUN);
      }
      if (ended) throw new XzDecodeError('corrupt', 'data follows the end of the xz data.');
    }
    stream.setInput(0, 0);
    yield* pump(LZMA_FINISH);
    if (!ended) throw new XzDecodeError('truncated', 'the xz data ends early.');
  } catch (error) {
    if (error instanceof XzDecodeError) throw error;
    throw new XzDecodeError('corrupt', error instanceof Error ? error.message : String(error));
  } finally {
    module._lzma_end(stream.ptr);
    stream.free();
    module._free(inPtr);
    module._free(outPtr);
  }
}
