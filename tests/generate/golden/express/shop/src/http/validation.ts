/** Small validation helpers shared by the resources' schemas. */

/** Whether `values` has no repeated item (JSON Schema `uniqueItems`). */
export function unique(values: readonly unknown[]): boolean {
  return new Set(values.map((value) => JSON.stringify(value))).size === values.length;
}
