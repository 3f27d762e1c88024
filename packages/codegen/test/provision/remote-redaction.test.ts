// A server that echoes the request in its error must not make the CLI print a value: the remote
// store redacts API errors with the same function as the local store and migrate.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRemoteStore } from "../../src/provision/remote-store.ts";
import { StoreError } from "../../src/provision/store.ts";

let server: Server;
let baseURL: string;

beforeAll(async () => {
  // Answers every request with 400 and the raw request body inside the error message.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      res.writeHead(400, { "content-type": "application/json" });
      const body = Buffer.concat(chunks).toString("utf8");
      res.end(JSON.stringify({ success: false, errors: [{ code: 1002, message: `invalid request: ${body}` }], messages: [], result: null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const store = () => createRemoteStore({ accountId: "0123456789abcdef0123456789abcdef", storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90", credentials: { apiToken: "t", baseURL } });

describe("remote API errors are redacted", () => {
  it.each([
    ["a plain value", "sk-live-0123456789abcdef"],
    ["a value JSON escapes in the echo", 'pa"ss\\word\n-----BEGIN KEY-----\nAAAA\n'],
  ])("creating with %s", async (_label, value) => {
    const error = await store().create({ name: "OPENAI_API_KEY", value, scopes: ["workers"], comment: "c" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const text = `${(error as StoreError).message}\n${String((error as StoreError).cause ?? "")}`;
    expect(text).toContain("creating OPENAI_API_KEY");
    expect(text).toContain("[REDACTED]");
    expect(text).not.toContain(value);
    expect(text).not.toContain(JSON.stringify(value).slice(1, -1));
  });

  it("updating a value", async () => {
    const value = "rotated-value-9876543210";
    const error = (await store().edit("0f0f", { value }).catch((e: unknown) => e)) as StoreError;
    expect(error.message).toContain("updating secret 0f0f");
    expect(`${error.message}${String(error.cause ?? "")}`).not.toContain(value);
  });
});
