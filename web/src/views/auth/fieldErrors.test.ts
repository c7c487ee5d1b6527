import { describe, expect, it } from "vitest";

import { fieldErrors } from "./fieldErrors";
import { safeNext } from "./LoginPage";

describe("fieldErrors", () => {
  it("asks for what is missing", () => {
    expect(fieldErrors({ mode: "signin", email: " ", password: "" })).toEqual({
      email: "Enter your email address.",
      password: "Enter your password.",
    });
  });

  it("checks the email's shape and a new password's length", () => {
    expect(fieldErrors({ mode: "register", email: "ada", password: "short" })).toEqual({
      email: "Enter an email address like name@example.com.",
      password: "Use at least 8 characters for the password.",
    });
    expect(fieldErrors({ mode: "signin", email: "a@b.io", password: "short" })).toEqual({});
  });
});

describe("safeNext", () => {
  it("keeps paths inside the app and nothing else", () => {
    expect(safeNext("/projects/1/spec?v=2")).toBe("/projects/1/spec?v=2");
    expect(safeNext("//evil.example/x")).toBe("/");
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
