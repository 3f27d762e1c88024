// wrangler takes CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL (or, when those are unset, their deprecated
// names CF_API_KEY and CF_EMAIL) as a legacy global key, ahead of the token. CLOUDFLARE_API_KEY is
// also the name of a secret here, so the CLI removes all four from wrangler's environment and the
// generated scripts unset them: only CLOUDFLARE_API_TOKEN may authenticate. Pure.

export const GLOBAL_KEY_VARIABLES = ["CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL", "CF_API_KEY", "CF_EMAIL"] as const;
