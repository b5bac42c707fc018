/**
 * Builds a minimal Arrow IPC stream by hand (one nullable int32 column "x", one record batch),
 * with either endianness and the values laid out in that byte order: a valid big-endian file,
 * which neither pyarrow nor apache-arrow can write.
 */
import { Builder } from 'flatbuffers';
import { Buffer as FbBuffer } from 'apache-arrow/fb/buffer';
import { Endianness } from 'apache-arrow/fb/endianness';
import { Field } from 'apache-arrow/fb/field';
import { FieldNode } from 'apache-arrow/fb/field-node';
import { Int } from 'apache-arrow/fb/int';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
import { MetadataVersion } from 'apache-arrow/fb/metadata-version';
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { Schema } from 'apache-arrow/fb/schema';
import { Type } from 'apache-arrow/fb/type';

function encapsulate(b: Builder, body: Uint8Array): Buffer {
  const meta = b.asUint8Array();
  const padded = Math.ceil((meta.length + 8) / 8) * 8 - 8;
  const out = Buffer.alloc(8 + padded + body.length);
  out.writeInt32LE(-1, 0);
  out.writeInt32LE(padded, 4);
  out.set(meta, 8);
  out.set(body, 8 + padded);
  return out;
}

function schemaMessage(endianness: Endianness): Buffer {
  const b = new Builder(256);
  const name = b.createString('x');
  const int = Int.createInt(b, 32, true);
  const children = Field.createChildrenVector(b, []);
  Field.startField(b);
  Field.addName(b, name);
  Field.addNullable(b, true);
  Field.addTypeType(b, Type.Int);
  Field.addType(b, int);
  Field.addChildren(b, children);
  const field = Field.endField(b);
  const fields = Schema.createFieldsVector(b, [field]);
  Schema.startSchema(b);
  Schema.addEndianness(b, endianness);
  Schema.addFields(b, fields);
  const schema = Schema.endSchema(b);
  b.finish(Message.createMessage(b, MetadataVersion.V5, MessageHeader.Schema, schema, 0n, 0));
  return encapsulate(b, new Uint8Array(0));
}

function batchMessage(values: number[], bigEndian: boolean): Buffer {
  const dataLength = values.length * 4;
  const body = Buffer.alloc(Math.ceil(dataLength / 8) * 8);
  values.forEach((v, i) => (bigEndian ? body.writeInt32BE(v, 4 * i) : body.writeInt32LE(v, 4 * i)));
  const b = new Builder(256);
  RecordBatch.startBuffersVector(b, 2);
  FbBuffer.createBuffer(b, 0n, BigInt(dataLength)); // values (vectors of structs are built back to front)
  FbBuffer.createBuffer(b, 0n, 0n); // validity: none
  const buffers = b.endVector();
  RecordBatch.startNodesVector(b, 1);
  FieldNode.createFieldNode(b, BigInt(values.length), 0n);
  const nodes = b.endVector();
  RecordBatch.startRecordBatch(b);
  RecordBatch.addLength(b, BigInt(values.length));
  RecordBatch.addNodes(b, nodes);
  RecordBatch.addBuffers(b, buffers);
  const rb = RecordBatch.endRecordBatch(b);
  b.finish(Message.createMessage(b, MetadataVersion.V5, MessageHeader.RecordBatch, rb, BigInt(body.length), 0));
  return encapsulate(b, body);
}

export function int32Stream(values: number[], endianness: 'little' | 'big'): Buffer {
  const big = endianness === 'big';
  const eos = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
  return Buffer.concat([schemaMessage(big ? Endianness.Big : Endianness.Little), batchMessage(values, big), eos]);
}
