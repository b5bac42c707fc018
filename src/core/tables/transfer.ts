/**
 * Moves a decoded Arrow table from the decode worker to the caller without copying or
 * re-encoding: the schema travels as a tiny IPC message (keeps every type, dictionaries
 * included), the buffers as typed arrays whose ArrayBuffers are transferred.
 */
import { Data, RecordBatch, Struct, Table, tableFromIPC, tableToIPC, Vector, type DataType, type Schema } from 'apache-arrow';

interface WireData {
  offset: number;
  length: number;
  nullCount: number;
  buffers: (ArrayBufferView | undefined)[];
  variadic: Uint8Array[];
  children: WireData[];
  dictionary?: WireData[];
}

export interface WireTable {
  schema: Uint8Array;
  batches: { length: number; columns: WireData[] }[];
}

/** The buffer index of the validity bitmap in `Data.buffers` (an empty one means "no nulls"). */
const VALIDITY = 2;

function toWire(d: Data, transfer: Set<ArrayBuffer>): WireData {
  // An empty offsets/values buffer is still a buffer (a column of empty strings has no value
  // bytes): send an empty array of its type, not nothing, or the rebuilt column cannot be read.
  const buffers = (d.buffers as unknown as (ArrayBufferView | undefined)[]).map((b, i) =>
    !b ? undefined : b.byteLength ? b : i === VALIDITY ? undefined : new (b.constructor as new (n: number) => ArrayBufferView)(0));
  for (const b of buffers) if (b?.byteLength) transfer.add(b.buffer as ArrayBuffer);
  for (const b of d.variadicBuffers) transfer.add(b.buffer as ArrayBuffer);
  const wire: WireData = {
    offset: d.offset,
    length: d.length,
    nullCount: d.nullCount,
    buffers,
    variadic: [...d.variadicBuffers],
    children: d.children.map((c) => toWire(c, transfer)),
  };
  if (d.dictionary) wire.dictionary = d.dictionary.data.map((c) => toWire(c, transfer));
  return wire;
}

/** The table as a message plus the ArrayBuffers to transfer with it. */
export function tableToWire(table: Table): { wire: WireTable; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  const wire: WireTable = {
    schema: tableToIPC(new Table(table.schema), 'stream'),
    batches: table.batches.map((b) => ({ length: b.numRows, columns: b.data.children.map((c) => toWire(c, transfer)) })),
  };
  transfer.add(wire.schema.buffer as ArrayBuffer);
  return { wire, transfer: [...transfer] };
}

function fromWire(type: DataType, w: WireData): Data {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = type as any;
  const children = w.children.map((c, i) => fromWire(t.children[i].type, c));
  const dictionary = w.dictionary ? new Vector(w.dictionary.map((c) => fromWire(t.dictionary, c))) : undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new Data(type, w.offset, w.length, w.nullCount, w.buffers as any, children, dictionary, w.variadic);
}

export function tableFromWire(wire: WireTable): Table {
  const schema: Schema = tableFromIPC(wire.schema).schema;
  const batches = wire.batches.map((b) => {
    const children = b.columns.map((c, i) => fromWire(schema.fields[i].type, c));
    return new RecordBatch(schema, new Data(new Struct(schema.fields), 0, b.length, 0, undefined, children));
  });
  return new Table(schema, batches);
}
