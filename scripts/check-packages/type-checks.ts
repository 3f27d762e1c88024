// Copied into the test project by scripts/check-packages.ts. Proves that the packed packages' types
// resolve for a user's manifest and Worker code: were they `any`, each @ts-expect-error below would
// be unused, which tsc reports as an error.
import { defineManifest } from "@secrets-manifest/codegen";
import type { SecretBindingName } from "@secrets-manifest/runtime";
import type { Env } from "./workers/hello/src/env.generated";

export const secret: SecretBindingName<Env> = "OPENAI_API_KEY";
// @ts-expect-error GREETING is a var, not a Secrets Store binding
export const notASecret: SecretBindingName<Env> = "GREETING";

export const manifest = defineManifest({
  environments: { production: { accountId: "0123456789abcdef0123456789abcdef", storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90" } },
  defaultEnvironment: "production",
  secrets: { OPENAI_API_KEY: { description: "OpenAI API key" } },
  // @ts-expect-error a worker may bind only the secrets declared above
  workers: { hello: { main: "src/index.ts", compatibilityDate: "2026-08-01", secrets: ["UNDECLARED"] } },
});
