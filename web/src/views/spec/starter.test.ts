import { describe, expect, it } from "vitest";

import { starterSpec } from "./SpecPage";

describe("starterSpec", () => {
  it("names the project after the project's name in snake_case", () => {
    expect(starterSpec("Hair Salon 2")).toBe(
      "project hair_salon_2 {\n  auth jwt\n  database postgresql\n}\n",
    );
    expect(starterSpec("***")).toContain("project my_project {");
  });
});
