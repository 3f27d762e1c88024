interface PassThroughEnv {
  readonly UPSTREAM_URL: string;
}

/** The baseline: forwards method, path, headers and body to the same upstream, nothing else. */
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const upstream = await fetch(`${env.UPSTREAM_URL}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    return new Response(upstream.body, upstream);
  },
} satisfies ExportedHandler<PassThroughEnv>;
