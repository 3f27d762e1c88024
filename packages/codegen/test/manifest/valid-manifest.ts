// A small valid manifest that tests copy and break one rule at a time.
export function validManifest() {
  return {
    environments: {
      production: { accountId: "0123456789abcdef0123456789abcdef", storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90" },
      staging: { accountId: "0123456789abcdef0123456789abcdef", storeId: "a1b2c3d4e5f60718293a4b5c6d7e8f90", secretPrefix: "STAGING_" },
    } as Record<string, Record<string, unknown>>,
    defaultEnvironment: "production" as unknown,
    secrets: {
      OPENAI_API_KEY: { description: "OpenAI key", scopes: ["workers"] },
      AI_GATEWAY_ID: { description: "Gateway id", scopes: ["workers"] },
    } as Record<string, Record<string, unknown>>,
    workers: {
      openai: {
        name: "ai-openai",
        main: "src/index.ts",
        compatibilityDate: "2026-08-01",
        secrets: ["OPENAI_API_KEY", "AI_GATEWAY_ID"],
        vars: { AI_GATEWAY_BASE_URL: "https://gateway.ai.cloudflare.com/v1" },
      },
    } as Record<string, Record<string, unknown>>,
  } as Record<string, unknown> & {
    environments: Record<string, Record<string, unknown>>;
    secrets: Record<string, Record<string, unknown>>;
    workers: Record<string, Record<string, unknown>>;
  };
}

export const OPTIONS = {
  manifestPath: "secrets.manifest.ts",
  maxCompatibilityDate: { date: "2026-11-02", source: "workerd 1.20261102.1" },
} as const;
