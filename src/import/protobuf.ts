/**
 * The little of protobuf that Anki's package needs read: top-level fields of a message, by
 * number. Anki's schema-18 tables and current packages keep note-type kinds, templates, deck
 * kinds, the package version and the media list in protobuf; pulling in a protobuf library and
 * Anki's .proto files for five fields would be more code than this.
 */
import { BadInput } from './bad-input.js';

export type Field =
  | { readonly no: number; readonly type: 'varint'; readonly value: number }
  | { readonly no: number; readonly type: 'bytes'; readonly value: Uint8Array };

export function fields(data: Uint8Array, what: string): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (at >= data.length) throw new BadInput(`${what} is damaged (protobuf cut short)`);
      const b = data[at++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw new BadInput(`${what} is damaged (protobuf varint too long)`);
  };
  while (at < data.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) out.push({ no, type: 'varint', value: varint() });
    else if (wire === 2) {
      const length = varint();
      if (at + length > data.length) throw new BadInput(`${what} is damaged (protobuf cut short)`);
      out.push({ no, type: 'bytes', value: data.subarray(at, at + length) });
      at += length;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new BadInput(`${what} is damaged (unknown protobuf wire type ${wire})`);
  }
  return out;
}

const decoder = new TextDecoder();

export function stringField(fs: readonly Field[], no: number): string {
  const f = fs.find((x) => x.no === no && x.type === 'bytes');
  return f && f.type === 'bytes' ? decoder.decode(f.value) : '';
}

export function varintField(fs: readonly Field[], no: number): number {
  const f = fs.find((x) => x.no === no && x.type === 'varint');
  return f && f.type === 'varint' ? f.value : 0;
}
