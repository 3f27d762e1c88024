// The stand-in's memory: one account with one store, its secrets (values kept only here, in memory,
// so tests can check what arrived), and the Workers that migrate deploys.
import { createHash, randomBytes } from "node:crypto";

export interface StandInOptions {
  readonly accountId: string;
  readonly storeId: string;
  readonly token: string;
  /** How long a new secret stays `pending`. */
  readonly activationDelayMs: number;
  /** The largest per_page the server honours; small values exercise pagination. */
  readonly maxPerPage: number;
  readonly quota: number;
}

export interface StoredSecret {
  readonly id: string;
  readonly name: string;
  value: string;
  scopes: string[];
  comment: string;
  readonly created: string;
  modified: string;
  status: "pending" | "active" | "deleted";
  /** When it turns active, in ms since the epoch. */
  readonly activeAt: number;
}

export interface WorkerBinding {
  readonly name: string;
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface StandInWorker {
  readonly name: string;
  bindings: WorkerBinding[];
  /** Per-Worker secret values (`wrangler secret put`), by binding name. */
  readonly secretValues: Map<string, string>;
  /** Uploaded versions (binding sets) by version id. */
  readonly versions: Map<string, WorkerBinding[]>;
  deployments: number;
}

export class StandInState {
  readonly options: StandInOptions;
  readonly secrets = new Map<string, StoredSecret>();
  readonly workers = new Map<string, StandInWorker>();
  readonly startedAt = new Date().toISOString();

  constructor(options: StandInOptions) {
    this.options = options;
  }

  get accountId(): string {
    return this.options.accountId;
  }

  get storeId(): string {
    return this.options.storeId;
  }

  liveSecrets(): StoredSecret[] {
    return [...this.secrets.values()].filter((secret) => secret.status !== "deleted");
  }

  statusOf(secret: StoredSecret): "pending" | "active" | "deleted" {
    if (secret.status === "pending" && Date.now() >= secret.activeAt) secret.status = "active";
    return secret.status;
  }

  addSecret(input: { name: string; value: string; scopes: string[]; comment: string; active?: boolean; modified?: string }): StoredSecret {
    const now = new Date().toISOString();
    const secret: StoredSecret = {
      id: randomBytes(16).toString("hex"),
      name: input.name,
      value: input.value,
      scopes: input.scopes,
      comment: input.comment,
      created: input.modified ?? now,
      modified: input.modified ?? now,
      status: input.active ? "active" : "pending",
      activeAt: input.active ? 0 : Date.now() + this.options.activationDelayMs,
    };
    this.secrets.set(secret.id, secret);
    return secret;
  }

  byName(name: string): StoredSecret | undefined {
    return this.liveSecrets().find((secret) => secret.name === name);
  }

  /** A hash of a stored value, so a test can compare without keeping values around. */
  valueHash(name: string): string | undefined {
    const secret = this.byName(name);
    return secret && createHash("sha256").update(secret.value).digest("hex");
  }

  /** A Worker that already runs with per-Worker secrets, as `wrangler secret put` leaves it. */
  addWorker(name: string, secrets: Record<string, string>): StandInWorker {
    const worker: StandInWorker = {
      name,
      bindings: Object.keys(secrets).map((binding) => ({ name: binding, type: "secret_text" })),
      secretValues: new Map(Object.entries(secrets)),
      versions: new Map(),
      deployments: 0,
    };
    this.workers.set(name, worker);
    return worker;
  }
}
