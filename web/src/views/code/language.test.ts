import { describe, expect, it } from "vitest";

import { syntaxOf } from "./language";

describe("syntaxOf", () => {
  it("chooses the syntax from the extension or the file name", () => {
    expect(syntaxOf("app/main.py")).toBe("python");
    expect(syntaxOf("src/index.ts")).toBe("typescript");
    expect(syntaxOf("internal/api/handlers.go")).toBe("go");
    expect(syntaxOf("package.json")).toBe("json");
    expect(syntaxOf(".github/workflows/ci.yml")).toBe("yaml");
    expect(syntaxOf("app/models/note.rb")).toBe("ruby");
    expect(syntaxOf("Gemfile")).toBe("ruby");
  });

  it("leaves other files as plain text", () => {
    expect(syntaxOf("Dockerfile")).toBeNull();
    expect(syntaxOf("README.md")).toBeNull();
    expect(syntaxOf(".gitignore")).toBeNull();
  });
});
