import { describe, expect, it } from "vitest";

import { checkType, didYouMean, isPascalCase, isSnakeCase, plural, toSnake } from "./names";

describe("names", () => {
  it("tells PascalCase and snake_case apart", () => {
    expect(["Order", "OrderItem", "V2"].map(isPascalCase)).toEqual([true, true, true]);
    expect(["order", "Order_Item", "_Order"].map(isPascalCase)).toEqual([false, false, false]);
    expect(["unit_price", "a1", "x"].map(isSnakeCase)).toEqual([true, true, true]);
    expect(["unitPrice", "_x", "x__y", "x_", "1x"].map(isSnakeCase)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("derives snake names and plurals", () => {
    expect(toSnake("OrderItem")).toBe("order_item");
    expect(toSnake("HTTPRequest")).toBe("http_request");
    expect(["tag", "category", "box", "day"].map(plural)).toEqual([
      "tags",
      "categories",
      "boxes",
      "days",
    ]);
  });

  it("suggests the closest choice", () => {
    expect(didYouMean("strng", ["string", "text"])).toBe("string");
    expect(didYouMean("zzzzzz", ["string", "text"])).toBeUndefined();
  });

  it("checks types against scalars, parameters and known names", () => {
    const known = new Set(["Order", "Status"]);
    for (const ok of ["text", "string(200)", "decimal(10,2)", "decimal(8)", "Order", "Status"]) {
      expect(() => checkType(ok, known)).not.toThrow();
    }
    expect(() => checkType("Ordr", known)).toThrow(
      /did you mean 'Order'\?.*or one of Order, Status/,
    );
    expect(() => checkType("bool(1)", known)).toThrow(/unknown type 'bool\(1\)'/);
  });
});
