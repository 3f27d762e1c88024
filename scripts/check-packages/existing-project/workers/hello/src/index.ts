// A Worker as a team has it before adopting the manifest: its own Env, its own wrangler.toml.
interface Env {
  GREETING: string;
  OPENAI_API_KEY: SecretsStoreSecret;
}

export default {
  async fetch(_request, env): Promise<Response> {
    const key = await env.OPENAI_API_KEY.get();
    return new Response(`${env.GREETING}: a key of ${key.length} characters`);
  },
} satisfies ExportedHandler<Env>;
