import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A throwaway self-signed certificate for 127.0.0.1 and localhost, PEM. */
    readonly tls: { readonly key: string; readonly cert: string };
  }
}

/**
 * The SDKs' realtime clients insist on wss:, so the Workers under test listen on HTTPS. One
 * certificate for the whole run, made by `openssl`, valid for a day, deleted at once.
 */
export default function setup(project: TestProject): void {
  const dir = mkdtempSync(join(tmpdir(), "sdk-tls-"));
  try {
    const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
    execFileSync("openssl", [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"],
      ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      ...["-keyout", key, "-out", cert],
    ], { stdio: "pipe" });
    project.provide("tls", { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") });
  } catch (error) {
    throw new Error(`The SDK tests need openssl to make a local TLS certificate: ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
