import { X509Certificate } from "node:crypto";
import { once } from "node:events";
import { readdir, readFile } from "node:fs/promises";
import { stripTypeScriptTypes } from "node:module";
import { join, relative, resolve } from "node:path";
import tls from "node:tls";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import type { WebSocket } from "ws";
import { GATEWAY_SECRET_BINDINGS } from "../../src/gateway-bindings.ts";
import type { ProviderId } from "../../src/providers.ts";
import { providers } from "../../src/providers.ts";
import type { FixtureSecrets } from "../../src/testing/fixtures.ts";
import { fixtureSecretsFor, renderClientTokensSecret } from "../../src/testing/fixtures.ts";
import type { HttpStandInGateway, RecordedHttpRequest, StandInReply } from "../../src/testing/http-stand-in-gateway.ts";
import { startHttpStandInGateway } from "../../src/testing/http-stand-in-gateway.ts";

const RUNTIME_DIR = resolve(import.meta.dirname, "../..");
const STORE_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

export type Respond = (request: RecordedHttpRequest) => StandInReply | Promise<StandInReply>;
export type OnWebSocket = (socket: WebSocket, request: RecordedHttpRequest) => void;

/** One provider's proxy Worker in workerd, in front of the stand-in gateway, as its SDK's client sees it. */
export interface SdkTarget {
  /** `https://127.0.0.1:<port>`: the SDK's base URL. */
  readonly baseUrl: string;
  /** A valid proxy client token: what the SDK gets as its API key. */
  readonly clientToken: string;
  readonly secrets: FixtureSecrets;
  /** Requests that reached the stand-in gateway since the last `reset()`. */
  readonly requests: RecordedHttpRequest[];
  /** The path and query a request to the gateway has after `/v1/<account>/<gateway>/`. */
  gatewayPath(request: RecordedHttpRequest | undefined): string;
  respondWith(respond: Respond): void;
  onWebSocket(handler: OnWebSocket): void;
  reset(): void;
  close(): Promise<void>;
}

/** Miniflare runs JavaScript: stripping the erasable TypeScript is the whole build. */
async function readModules(): Promise<{ type: "ESModule"; path: string; contents: string }[]> {
  const src = join(RUNTIME_DIR, "src");
  const files = [join(RUNTIME_DIR, "test/sdk/workers/sdk-worker.ts")];
  files.push(...(await readdir(src)).filter((name) => name.endsWith(".ts")).map((name) => join(src, name)));
  return Promise.all(
    files.map(async (path) => ({
      type: "ESModule" as const,
      path: relative(RUNTIME_DIR, path),
      contents: stripTypeScriptTypes(await readFile(path, "utf8"), { mode: "strip" }),
    })),
  );
}

/**
 * Trusts, in this test process only, the certificate the local Worker presents: read from a TLS
 * handshake with the Miniflare instance this harness just started, so no certificate tool is needed.
 */
async function trustCertificateOf(url: URL): Promise<void> {
  if (typeof tls.setDefaultCACertificates !== "function") {
    throw new Error(`The SDK tests need Node.js 24.5 or later (tls.setDefaultCACertificates); this is ${process.version}. Run sh scripts/setup.sh, which installs Node 24.`);
  }
  const socket = tls.connect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false });
  await once(socket, "secureConnect");
  const pem = new X509Certificate(socket.getPeerCertificate().raw).toString();
  socket.destroy();
  const trusted = tls.getCACertificates("default");
  if (!trusted.includes(pem)) tls.setDefaultCACertificates([...trusted, pem]);
}

export interface SdkTargetOptions {
  /** The Worker's `upstreamTimeoutMs`; the runtime's default (no limit) when not given. */
  readonly upstreamTimeoutMs?: number;
}

export async function startSdkTarget(id: ProviderId, options: SdkTargetOptions = {}): Promise<SdkTarget> {
  const provider = providers[id];
  const secrets = fixtureSecretsFor(provider);
  let respond: Respond = () => ({ status: 500, body: "no answer scripted for this test" });
  let onWebSocket: OnWebSocket = (socket) => socket.close(1011, "no realtime handler scripted");
  const gateway: HttpStandInGateway = await startHttpStandInGateway({
    gatewayToken: secrets.gatewayToken,
    respond: (request) => respond(request),
    onWebSocket: (socket, request) => onWebSocket(socket, request),
  });
  const values: Record<string, string> = {
    [provider.keyBinding]: secrets.providerKey,
    AI_GATEWAY_ACCOUNT_ID: secrets.accountId,
    AI_GATEWAY_ID: secrets.gatewayId,
    CLOUDFLARE_API_KEY: secrets.gatewayToken,
    PROXY_CLIENT_TOKENS: renderClientTokensSecret(secrets),
  };
  const bindings = [...Object.values(providers).map((p) => p.keyBinding), ...GATEWAY_SECRET_BINDINGS];
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      compatibilityDate: "2026-08-01",
      compatibilityFlags: ["nodejs_compat"],
      host: "127.0.0.1",
      port: 0,
      // The SDKs' realtime clients insist on wss:, so the Worker listens on HTTPS, with the
      // self-signed certificate for localhost and 127.0.0.1 that Miniflare bundles.
      https: true,
      modulesRoot: RUNTIME_DIR,
      modules: await readModules(),
      bindings: {
        AI_GATEWAY_BASE_URL: `${gateway.origin}/v1`,
        PROVIDER_ID: id,
        UPSTREAM_TIMEOUT_MS: options.upstreamTimeoutMs?.toString() ?? "",
      },
      secretsStoreSecrets: Object.fromEntries(bindings.map((name) => [name, { store_id: STORE_ID, secret_name: name }])),
    }),
  );
  const url = await mf.ready;
  await trustCertificateOf(url);
  for (const [name, value] of Object.entries(values)) await (await mf.getSecretsStoreSecretAPI(name))().create(value);
  const prefix = `/v1/${secrets.accountId}/${secrets.gatewayId}/`;
  return {
    baseUrl: url.origin,
    clientToken: secrets.clientTokens[0],
    secrets,
    requests: gateway.requests,
    gatewayPath: (request) => (request?.url.startsWith(prefix) ? request.url.slice(prefix.length) : `(not under ${prefix}) ${request?.url}`),
    respondWith: (next) => void (respond = next),
    onWebSocket: (next) => void (onWebSocket = next),
    reset: () => void gateway.requests.splice(0),
    close: async () => {
      await mf.dispose();
      await gateway.close();
    },
  };
}
