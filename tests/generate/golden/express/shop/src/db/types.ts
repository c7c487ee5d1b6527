/** Column types per dialect: SQLite keeps dates and JSON as text, PostgreSQL natively. */
import type { CreateTableBuilder } from "kysely";

import type { Dialect } from "./database.js";

/** A column type as `addColumn` takes it. */
export type DataTypeExpression = Parameters<CreateTableBuilder<string, never>["addColumn"]>[1];

export interface ColumnTypes {
  id: DataTypeExpression;
  ref: DataTypeExpression;
  text: DataTypeExpression;
  int: DataTypeExpression;
  bigint: DataTypeExpression;
  float: DataTypeExpression;
  bool: DataTypeExpression;
  date: DataTypeExpression;
  datetime: DataTypeExpression;
  time: DataTypeExpression;
  uuid: DataTypeExpression;
  json: DataTypeExpression;
  string: (length: number) => DataTypeExpression;
  decimal: (precision?: number, scale?: number) => DataTypeExpression;
}

const string = (length: number): DataTypeExpression => `varchar(${length})`;
const decimal = (precision?: number, scale?: number): DataTypeExpression =>
  precision === undefined ? "numeric" : `numeric(${precision}, ${scale ?? 0})`;

const SQLITE: ColumnTypes = {
  id: "integer",
  ref: "integer",
  text: "text",
  int: "integer",
  bigint: "bigint",
  float: "real",
  bool: "boolean",
  date: "text",
  datetime: "text",
  time: "text",
  uuid: "varchar(36)",
  json: "text",
  string,
  decimal,
};

const POSTGRES: ColumnTypes = {
  id: "bigserial",
  ref: "bigint",
  text: "text",
  int: "integer",
  bigint: "bigint",
  float: "double precision",
  bool: "boolean",
  date: "date",
  datetime: "timestamptz",
  time: "time",
  uuid: "uuid",
  json: "jsonb",
  string,
  decimal,
};

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === "sqlite" ? SQLITE : POSTGRES;
}
