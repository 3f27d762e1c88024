/** The base URL test configs give AI_GATEWAY_BASE_URL; the stand-in gateway answers for it. */
export const STAND_IN_GATEWAY_BASE_URL = "https://gateway.stand-in.test/v1";
