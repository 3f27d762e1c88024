// The ways Worker code reaches its bindings, one small app each, audited in one run. Every app is
// given what its code reads plus NEVER_READ: the audit must count each read (no other finding) and
// still report NEVER_READ for every app.
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeSandbox, removeSandbox, runCli } from "../helpers/sandbox.ts";

interface Case {
  /** What the app shows. */
  readonly pattern: string;
  readonly files: Readonly<Record<string, string>>;
  readonly main?: string;
  readonly secrets: readonly string[];
  readonly vars?: Readonly<Record<string, string>>;
}

const MODE = { MODE: "live" };

const cases: Record<string, Case> = {
  "own-interface": {
    pattern: "the code's own `interface Env`; a binding the manifest does not manage (a KV) is no finding",
    files: {
      "src/index.ts": `interface Env { A_KEY: { get(): Promise<string> }; MODE: string; CACHE: { get(key: string): Promise<string | null> } }
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const cached = await env.CACHE.get(request.url);
    return new Response(cached ?? \`\${env.MODE} \${await env.A_KEY.get()}\`);
  },
};
`,
    },
    secrets: ["A_KEY"],
    vars: MODE,
  },
  "env-any": {
    pattern: "`env: any` in a handler, element access",
    files: {
      "src/index.ts": `export default {
  async fetch(_request: Request, env: any): Promise<Response> {
    return new Response(env["A_KEY"] + env.MODE);
  },
};
`,
    },
    secrets: ["A_KEY"],
    vars: MODE,
  },
  "plain-js": {
    pattern: "untyped JavaScript, the env parameter under another name",
    files: { "src/index.js": "export default {\n  async fetch(request, bindings) {\n    return new Response(bindings.A_KEY + bindings.MODE);\n  },\n};\n" },
    main: "src/index.js",
    secrets: ["A_KEY"],
    vars: MODE,
  },
  destructured: {
    pattern: "destructured in the handler's parameters and from env",
    files: {
      "src/index.ts": `export default {
  async scheduled(_controller: unknown, { A_KEY }: { A_KEY: string }) {
    console.log(A_KEY.length);
  },
  async fetch(_request: Request, env: { B_KEY: string; MODE: string }) {
    const { B_KEY: key, MODE } = env;
    return new Response(key + MODE);
  },
};
`,
    },
    secrets: ["A_KEY", "B_KEY"],
    vars: MODE,
  },
  hono: {
    pattern: "Hono: c.env with a `Bindings` type, and c.env kept in a variable",
    files: {
      "src/index.ts": `import { Hono } from "hono";
type Bindings = { A_KEY: string; MODE: string };
const app = new Hono<{ Bindings: Bindings }>();
app.get("/", (c) => c.text(c.env.A_KEY));
app.get("/mode", (c) => {
  const vars = c.env;
  return c.text(vars.MODE);
});
export default app;
`,
    },
    secrets: ["A_KEY"],
    vars: MODE,
  },
  "durable-object": {
    pattern: "this.env in a Durable Object, and its constructor's env parameter under another name",
    files: {
      "src/index.ts": `import { DurableObject } from "cloudflare:workers";
export class Counter extends DurableObject {
  mode: string;
  constructor(state: DurableObjectState, bindings) {
    super(state, bindings);
    this.mode = bindings.MODE;
  }
  async fetch(): Promise<Response> {
    return new Response(this.env.A_KEY + this.mode);
  }
}
export default { fetch: () => new Response("ok") };
`,
    },
    secrets: ["A_KEY"],
    vars: MODE,
  },
  entrypoints: {
    pattern: "this.env in a WorkerEntrypoint and a WorkflowEntrypoint",
    files: {
      "src/index.ts": `import { WorkerEntrypoint, WorkflowEntrypoint } from "cloudflare:workers";
export class Job extends WorkflowEntrypoint {
  async run() {
    return this.env.A_KEY;
  }
}
export default class extends WorkerEntrypoint {
  async fetch() {
    return new Response(this.env.MODE);
  }
}
`,
    },
    secrets: ["A_KEY"],
    vars: MODE,
  },
  "cloudflare-workers-env": {
    pattern: "the `env` import from cloudflare:workers, and Pages' context.env",
    files: {
      "src/index.ts": `import { env } from "cloudflare:workers";
export default { fetch: () => new Response(env.A_KEY) };
export const onRequest = (context: any) => new Response(context.env.MODE);
`,
    },
    secrets: ["A_KEY"],
    vars: MODE,
  },
  "cloudflare-workers-env-renamed": {
    pattern: "the `env` import from cloudflare:workers under another name, and a namespace import",
    files: {
      "src/index.ts": `import { env as bindings } from "cloudflare:workers";
import * as workers from "cloudflare:workers";
export default { fetch: () => new Response(bindings.A_KEY + workers.env.MODE) };
`,
    },
    secrets: ["A_KEY"],
    vars: MODE,
  },
  "runtime-cache": {
    pattern: "the runtime's secret cache, the binding named by a literal argument (inferred generic)",
    files: {
      "src/index.ts": `import { createSecretCache } from "@secrets-manifest/runtime";
import type { Env } from "./env.generated.ts";
const secrets = createSecretCache();
export default {
  async fetch(_request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    return new Response(env.MODE + (await secrets.read(env, "A_KEY", ctx)));
  },
};
`,
    },
    secrets: ["A_KEY"],
    vars: MODE,
  },
  "main-outside-src": {
    pattern: "main outside src/, with a helper it imports",
    files: {
      "worker/index.ts": `import { mode } from "./mode.ts";
export default { fetch: (_request: Request, env: { A_KEY: string; MODE: string }) => new Response(env.A_KEY + mode(env)) };
`,
      "worker/mode.ts": "export const mode = (env: { MODE: string }) => env.MODE;\n",
    },
    main: "worker/index.ts",
    secrets: ["A_KEY"],
    vars: MODE,
  },
};

let root = "";
let findings: { kind: string; worker: string; binding?: string }[] = [];

beforeAll(() => {
  root = makeSandbox("audit-patterns");
  for (const [id, { files }] of Object.entries(cases)) {
    for (const [path, text] of Object.entries(files)) {
      const file = join(root, "apps", id, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  writeFileSync(join(root, "secrets.manifest.ts"), renderManifest());
  const generated = runCli(["generate"], { cwd: root });
  expect(generated.status, generated.stderr).toBe(0);
  const result = runCli(["audit", "--json"], { cwd: root });
  findings = (JSON.parse(result.stdout) as { findings: typeof findings }).findings.map(({ kind, worker, binding }) => ({ kind, worker, binding }));
}, 120_000);
afterAll(() => root && removeSandbox(root));

it.each(Object.entries(cases).map(([id, { pattern }]) => [id, pattern]))("%s: counts each read (%s) and still reports the binding it never reads", (id) => {
  expect(findings.filter((finding) => finding.worker === id)).toEqual([{ kind: "unused-binding", worker: id, binding: "NEVER_READ" }]);
});

function renderManifest(): string {
  const workers = Object.entries(cases).map(([id, { main, secrets, vars }]) => {
    const worker = { main: main ?? "src/index.ts", compatibilityDate: "2026-08-01", secrets: [...secrets, "NEVER_READ"], vars: vars ?? {} };
    return `    ${JSON.stringify(id)}: ${JSON.stringify(worker)},`;
  });
  return `import { defineManifest } from "@secrets-manifest/codegen";

export default defineManifest({
  environments: { production: { accountId: "0123456789abcdef0123456789abcdef", storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90" } },
  defaultEnvironment: "production",
  secrets: {
    A_KEY: { description: "Key A for the pattern apps", scopes: ["workers"] },
    B_KEY: { description: "Key B for the pattern apps", scopes: ["workers"] },
    NEVER_READ: { description: "Given to every pattern app, read by none", scopes: ["workers"] },
  },
  workers: {
${workers.join("\n")}
  },
});
`;
}
