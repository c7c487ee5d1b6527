// A plain data table for a chart's numbers (numbers right-aligned).
import type { Key, ReactNode } from "react";

export interface TableColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
  numeric?: boolean;
}

export interface ChartTableProps<R> {
  caption: string;
  columns: readonly TableColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => Key;
}

export function ChartTable<R>({ caption, columns, rows, rowKey }: ChartTableProps<R>) {
  return (
    <table className="chart-data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col" className={column.numeric ? "num" : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)}>
            {columns.map((column) => (
              <td key={column.header} className={column.numeric ? "num" : undefined}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
