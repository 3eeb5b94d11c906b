/**
 * Just enough LevelDB to search Chromium's IndexedDB and Local Storage for strings: the data
 * blocks of a table file (.ldb) with Snappy ones decompressed, and the payload of a write-ahead
 * log (.log) with its 32 KiB block framing removed (a record may be cut by a block boundary).
 * Anything malformed is skipped: the raw bytes are searched anyway.
 */

const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
const FOOTER_BYTES = 48;
const BLOCK_TRAILER_BYTES = 5;
const SNAPPY = 1;
const LOG_BLOCK_BYTES = 32768;
const LOG_HEADER_BYTES = 7;

class Reader {
  constructor(
    readonly buffer: Buffer,
    public at = 0,
  ) {}

  varint(): number {
    let result = 0;
    let factor = 1;
    for (let i = 0; i < 10; i++) {
      if (this.at >= this.buffer.length) throw new Error('varint past the end');
      const byte = this.buffer[this.at++];
      result += (byte & 0x7f) * factor;
      if ((byte & 0x80) === 0) return result;
      factor *= 128;
    }
    throw new Error('varint too long');
  }
}

/** Snappy's raw format (no framing), as LevelDB stores a compressed block. */
export function snappyDecompress(input: Buffer): Buffer {
  const reader = new Reader(input);
  const length = reader.varint();
  if (length > 64 * 1024 * 1024) throw new Error('implausible snappy length');
  const out = Buffer.alloc(length);
  let written = 0;
  let at = reader.at;
  while (at < input.length) {
    const tag = input[at++];
    const type = tag & 3;
    if (type === 0) {
      let size = tag >> 2;
      if (size >= 60) {
        const bytes = size - 59;
        size = input.readUIntLE(at, bytes);
        at += bytes;
      }
      size += 1;
      if (at + size > input.length || written + size > length) throw new Error('snappy literal past the end');
      input.copy(out, written, at, at + size);
      at += size;
      written += size;
      continue;
    }
    let size: number;
    let offset: number;
    if (type === 1) {
      size = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | input[at++];
    } else if (type === 2) {
      size = (tag >> 2) + 1;
      offset = input.readUInt16LE(at);
      at += 2;
    } else {
      size = (tag >> 2) + 1;
      offset = input.readUInt32LE(at);
      at += 4;
    }
    if (offset === 0 || offset > written || written + size > length) throw new Error('snappy copy out of range');
    for (let i = 0; i < size; i++, written++) out[written] = out[written - offset];
  }
  return out.subarray(0, written);
}

function blockAt(table: Buffer, offset: number, size: number): Buffer {
  if (offset + size + BLOCK_TRAILER_BYTES > table.length) throw new Error('block past the end');
  const contents = table.subarray(offset, offset + size);
  return table[offset + size] === SNAPPY ? snappyDecompress(contents) : contents;
}

/** The handles (offset, size) stored as values of an index block. */
function handlesOfIndex(block: Buffer): Array<[number, number]> {
  const restarts = block.readUInt32LE(block.length - 4);
  const end = block.length - 4 - 4 * restarts;
  const reader = new Reader(block);
  const handles: Array<[number, number]> = [];
  while (reader.at < end) {
    reader.varint(); // shared key bytes
    const unshared = reader.varint();
    const valueLength = reader.varint();
    reader.at += unshared;
    const value = new Reader(block.subarray(reader.at, reader.at + valueLength));
    handles.push([value.varint(), value.varint()]);
    reader.at += valueLength;
  }
  return handles;
}

/** The Snappy-compressed data blocks of a table, decompressed; [] when it is not a table or is damaged. */
export function snappyBlocksOfTable(table: Buffer): Buffer[] {
  try {
    if (table.length < FOOTER_BYTES || !table.subarray(table.length - 8).equals(TABLE_MAGIC)) return [];
    const footer = new Reader(table, table.length - FOOTER_BYTES);
    footer.varint(); // metaindex offset
    footer.varint(); // metaindex size
    const index = blockAt(table, footer.varint(), footer.varint());
    return handlesOfIndex(index)
      .filter(([offset, size]) => table[offset + size] === SNAPPY)
      .map(([offset, size]) => blockAt(table, offset, size));
  } catch {
    return [];
  }
}

/** A write-ahead log's record payloads joined, without the 7-byte headers that cut them every 32 KiB. */
export function logPayload(log: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let block = 0; block < log.length; block += LOG_BLOCK_BYTES) {
    const end = Math.min(block + LOG_BLOCK_BYTES, log.length);
    let at = block;
    while (at + LOG_HEADER_BYTES <= end) {
      const length = log.readUInt16LE(at + 4);
      const type = log[at + 6];
      if (type === 0 && length === 0) break; // zero padding at the end of a block
      const from = at + LOG_HEADER_BYTES;
      parts.push(log.subarray(from, Math.min(from + length, end)));
      at = from + length;
    }
  }
  return Buffer.concat(parts);
}
