/**
 * The names of `Env` whose binding is a Secrets Store secret. Functions that read secrets take
 * this type, so a Worker can only name a binding its generated Env declares as a secret: a name the
 * manifest did not give it is a type error that spells the name out.
 */
export type SecretBindingName<Env> = {
  [K in keyof Env]-?: Env[K] extends SecretsStoreSecret ? K : never;
}[keyof Env] &
  string;
