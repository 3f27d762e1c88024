/** Error bodies in the `{ error: { type, message } }` shape that provider SDKs already parse. */
function jsonError(status: number, type: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { type, message } }, { status, headers });
}

export function unauthorized(): Response {
  return jsonError(401, "unauthorized", "A valid proxy client token is required.", { "www-authenticate": "Bearer" });
}

export function credentialsTooLarge(): Response {
  return jsonError(
    400,
    "bad_request",
    "Too many or too large credentials: present one proxy client token of at most 1024 characters, and at most 16 WebSocket subprotocols.",
  );
}

export function notFound(): Response {
  return jsonError(404, "not_found", "This path is not served by this proxy.");
}

export function serviceUnavailable(): Response {
  return jsonError(503, "service_unavailable", "The proxy is temporarily unavailable.");
}

export function badGateway(): Response {
  return jsonError(502, "bad_gateway", "The AI Gateway could not be reached.");
}

export function gatewayTimeout(): Response {
  return jsonError(504, "gateway_timeout", "The AI Gateway did not answer in time.");
}

export function internalError(): Response {
  return jsonError(500, "internal_error", "The proxy failed to handle the request.");
}
