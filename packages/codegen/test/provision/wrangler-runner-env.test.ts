// The CLI starts wrangler with only CLOUDFLARE_API_TOKEN able to authenticate: wrangler prefers a
// global key (CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL, or its deprecated CF_API_KEY + CF_EMAIL) over
// the token, and CLOUDFLARE_API_KEY is also the name of one of this project's secrets.
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWranglerRunner } from "../../src/provision/wrangler-runner.ts";
import { makeSandbox, removeSandbox } from "../helpers/sandbox.ts";

let dir: string;
beforeAll(() => (dir = makeSandbox("runner-env")));
afterAll(() => removeSandbox(dir));

describe("the environment wrangler runs in", () => {
  it("has no global key under any name wrangler reads, and keeps the token and log level", async () => {
    const printer = join(dir, "print-env.sh");
    writeFileSync(printer, '#!/bin/sh\nfor n in CLOUDFLARE_API_KEY CLOUDFLARE_EMAIL CF_API_KEY CF_EMAIL CLOUDFLARE_API_TOKEN WRANGLER_LOG; do eval "printf \'%s=%s\\n\' $n \\"\\${$n-(unset)}\\""; done\n');
    chmodSync(printer, 0o755);
    const env = {
      PATH: process.env.PATH,
      WRANGLER: printer,
      CLOUDFLARE_API_KEY: "global-key-1",
      CLOUDFLARE_EMAIL: "ops@example.com",
      CF_API_KEY: "global-key-2",
      CF_EMAIL: "ops@example.com",
      CLOUDFLARE_API_TOKEN: "token-3",
      WRANGLER_LOG: "debug",
    };
    const result = await createWranglerRunner({ cwd: dir, env }).run([]);
    expect(result.stdout.trim().split("\n")).toEqual([
      "CLOUDFLARE_API_KEY=(unset)",
      "CLOUDFLARE_EMAIL=(unset)",
      "CF_API_KEY=(unset)",
      "CF_EMAIL=(unset)",
      "CLOUDFLARE_API_TOKEN=token-3",
      "WRANGLER_LOG=log",
    ]);
  });
});
