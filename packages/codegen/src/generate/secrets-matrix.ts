// Who can read what: secret x Worker x environment, with scopes, and for each secret the Workers a
// rotation affects. Rendered as SECRETS.md (kept current by `generate --check`) or as JSON.
import { commentSafe, stampFile } from "./header.ts";
import type { ResolvedManifest } from "../manifest/model.ts";
import type { SecretScope } from "../manifest/define.ts";
import { indexReadersBySecret } from "../manifest/readers.ts";

export interface SecretsMatrix {
  readonly environments: readonly {
    readonly name: string;
    readonly accountId: string | null;
    readonly storeId: string | null;
    /** The Workers living in this environment and the account each deploys to (null: CLOUDFLARE_ACCOUNT_ID). */
    readonly workers: readonly { readonly worker: string; readonly workerName: string; readonly accountId: string | null }[];
    readonly secrets: readonly {
      readonly secret: string;
      readonly storeSecretName: string;
      readonly scopes: readonly SecretScope[];
      readonly readers: readonly { readonly worker: string; readonly workerName: string; readonly binding: string }[];
    }[];
  }[];
  /** Per secret: the app ids that must pick up a new value when it rotates. */
  readonly rotation: Readonly<Record<string, { readonly workers: readonly string[]; readonly rotateEveryDays: number | null }>>;
}

export function planSecretsMatrix(manifest: ResolvedManifest): SecretsMatrix {
  return {
    environments: manifest.environments.map((env) => {
      const readers = indexReadersBySecret(manifest, env.name);
      return {
        name: env.name,
        accountId: env.accountId ?? null,
        storeId: env.storeId ?? null,
        workers: manifest.workers.flatMap((worker) =>
          worker.environments
            .filter((here) => here.environment === env.name)
            .map((here) => ({ worker: worker.id, workerName: here.workerName, accountId: here.accountId ?? null })),
        ),
        secrets: manifest.secrets.map((secret) => ({
          secret: secret.name,
          storeSecretName: secret.storeNames[env.name]!,
          scopes: secret.scopes,
          readers: (readers.get(secret.name) ?? []).map((reading) => ({
            worker: reading.worker.id,
            workerName: reading.environment.workerName,
            binding: reading.binding.binding,
          })),
        })),
      };
    }),
    rotation: Object.fromEntries(
      manifest.secrets.map((secret) => [secret.name, { workers: secret.boundBy, rotateEveryDays: secret.rotateEveryDays ?? null }]),
    ),
  };
}

export function renderSecretsMatrixJson(manifest: ResolvedManifest): string {
  return `${JSON.stringify(planSecretsMatrix(manifest), null, 2)}\n`;
}

// `<` as an entity: a description holding `<!--` would otherwise hide the rest of the page on GitHub.
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/</g, "&lt;");
const code = (text: string) => `\`${text}\``;

export function renderSecretsMatrixMarkdown(manifest: ResolvedManifest): string {
  const matrix = planSecretsMatrix(manifest);
  const lines = [
    "# Secrets",
    "",
    `Who can read what, generated from \`${commentSafe(manifest.manifestPath).replaceAll("`", "\\u{60}")}\`. A Worker reads a secret only through a binding listed here.`,
    "",
    "## Secrets and the Workers a rotation affects",
    "",
    "| Secret | Description | Scopes | Rotate every | Workers a rotation affects |",
    "|---|---|---|---|---|",
  ];
  for (const secret of manifest.secrets) {
    const rotation = matrix.rotation[secret.name]!;
    lines.push(
      `| ${code(secret.name)} | ${cell(secret.description ?? "")} | ${secret.scopes.join(", ")} | ${rotation.rotateEveryDays === null ? "" : `${rotation.rotateEveryDays} days`} | ${rotation.workers.join(", ") || "(no Worker)"} |`,
    );
  }
  for (const env of matrix.environments) {
    // Only the workers that live in this environment (deployTo) get a column.
    const workers = env.workers.map((entry) => entry.worker);
    const account = (id: string | null) => (id === null ? "account from CLOUDFLARE_ACCOUNT_ID" : `account ${code(id)}`);
    // A worker may deploy to another account than the store's (its own accountId); it then binds no
    // secret here (validation refuses that), but who deploys where belongs on this page too.
    const elsewhere = env.workers.filter((entry) => entry.accountId !== env.accountId);
    lines.push(
      "",
      `## ${env.name}${env.name === manifest.defaultEnvironment ? " (default)" : ""}`,
      "",
      `${env.accountId === null ? "Account from CLOUDFLARE_ACCOUNT_ID" : `Account \`${env.accountId}\``}, ${env.storeId === null ? "no store" : `store \`${env.storeId}\``}. Cells name the binding each Worker reads the secret through.`,
      ...(elsewhere.length === 0
        ? []
        : ["", `Workers with an account of their own here: ${elsewhere.map((entry) => `${code(entry.worker)} (${account(entry.accountId)})`).join(", ")}.`]),
      "",
      `| Secret in the store | ${workers.map(code).join(" | ")} |`,
      `|---|${workers.map(() => ":-:").join("|")}|`,
    );
    for (const secret of env.secrets) {
      const byWorker = new Map(secret.readers.map((reader) => [reader.worker, reader.binding]));
      lines.push(`| ${code(secret.storeSecretName)} | ${workers.map((id) => (byWorker.has(id) ? code(byWorker.get(id)!) : "")).join(" | ")} |`);
    }
  }
  return stampFile({ body: `${lines.join("\n")}\n`, comment: "<!--", manifestPath: manifest.manifestPath });
}
