import { describe, expect, it } from "vitest";
import { CODEGEN_DIR, runCli } from "../helpers/sandbox.ts";

describe("--help", () => {
  it.each(["plan", "apply", "rotate", "migrate", "import"])("%s documents --manifest and shows an example", (command) => {
    const result = runCli([command, "--help"], { cwd: CODEGEN_DIR });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Example: secrets-manifest " + command);
    expect(result.stdout).toContain("--manifest");
  });

  it("never offers a flag that takes a value on the command line", () => {
    for (const command of ["apply", "rotate", "migrate"]) expect(runCli([command, "--help"], { cwd: CODEGEN_DIR }).stdout).not.toMatch(/--value\b/);
  });
});
