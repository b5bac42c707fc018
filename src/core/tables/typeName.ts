/**
 * Arrow types spelled as pyarrow spells them (`int64`, `timestamp[us, tz=UTC]`,
 * `decimal128(10, 2)`, `list<item: string>`), so `skewer show` reads like the Python side.
 */
import { DataType, DateUnit, IntervalUnit, TimeUnit, Type, UnionMode, type Field } from 'apache-arrow';

const UNIT: Record<number, string> = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns',
};

function child(f: Field): string {
  return `${f.name}: ${arrowTypeName(f.type)}${f.nullable ? '' : ' not null'}`;
}

// The apache-arrow type classes carry their parameters as fields; `any` avoids a cast per case.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function arrowTypeName(type: DataType<any>): string {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = type as any;
  switch (type.typeId) {
    case Type.Null: return 'null';
    case Type.Bool: return 'bool';
    case Type.Int: return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`;
    case Type.Float: return ['halffloat', 'float', 'double'][t.precision as number];
    case Type.Utf8: return 'string';
    case Type.LargeUtf8: return 'large_string';
    case Type.Utf8View: return 'string_view';
    case Type.Binary: return 'binary';
    case Type.LargeBinary: return 'large_binary';
    case Type.BinaryView: return 'binary_view';
    case Type.FixedSizeBinary: return `fixed_size_binary[${t.byteWidth}]`;
    case Type.Date: return t.unit === DateUnit.DAY ? 'date32[day]' : 'date64[ms]';
    case Type.Time: return `time${t.bitWidth}[${UNIT[t.unit]}]`;
    case Type.Timestamp: return `timestamp[${UNIT[t.unit]}${t.timezone ? `, tz=${t.timezone}` : ''}]`;
    case Type.Duration: return `duration[${UNIT[t.unit]}]`;
    case Type.Interval:
      return t.unit === IntervalUnit.YEAR_MONTH ? 'month_interval' : t.unit === IntervalUnit.DAY_TIME ? 'day_time_interval' : 'month_day_nano_interval';
    case Type.Decimal: return `decimal${t.bitWidth}(${t.precision}, ${t.scale})`;
    case Type.List: return `list<${child(t.children[0])}>`;
    case Type.LargeList: return `large_list<${child(t.children[0])}>`;
    case Type.FixedSizeList: return `fixed_size_list<${child(t.children[0])}>[${t.listSize}]`;
    case Type.Struct: return `struct<${(t.children as Field[]).map(child).join(', ')}>`;
    case Type.Map: {
      const [key, value] = (t.children[0].type.children as Field[]);
      return `map<${arrowTypeName(key.type)}, ${arrowTypeName(value.type)}${value.nullable ? '' : ' not null'}>`;
    }
    case Type.Dictionary:
      return `dictionary<values=${arrowTypeName(t.dictionary)}, indices=${arrowTypeName(t.indices)}, ordered=${t.isOrdered ? 1 : 0}>`;
    case Type.Union:
      return `${t.mode === UnionMode.Dense ? 'dense' : 'sparse'}_union<${(t.children as Field[]).map(child).join(', ')}>`;
    default: return String(type);
  }
}
