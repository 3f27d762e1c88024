// Finds the binding reads in one source file. A read is a property or element access on an env
// value, a destructuring of one, or a call that hands one over together with binding names (as
// literal types). An env value is recognised the way real Worker code spells it:
//   - by type: the generated Env (exact: its keys are what is bound, so a read of anything else is
//     a finding), or a type of the code's own named `Env`, `Bindings`, `CloudflareBindings`, `*Env`;
//   - by shape, for untyped or `any` code: an identifier `env` (a handler parameter, the
//     `cloudflare:workers` import, also under another name), `<x>.env` (Hono's `c.env`, `this.env` in Durable Objects and
//     entrypoints, Pages' `context.env`, `process.env` under nodejs_compat), `env(c)` (hono/adapter),
//     the second parameter of a handler (`fetch(request, bindings)`) or of a Durable Object's
//     constructor, and a variable initialised from any of these.
// Reads found by shape or through the code's own types are `checked: false`: such values may also
// hold bindings the manifest does not manage (KV, queues, ...), so they count as reads of what the
// manifest binds and are never reported as unbound.
import type { CallExpression, Node, SourceFile, Type } from "ts-morph";

type TsMorph = typeof import("ts-morph");

export interface EnvRead {
  readonly name: string;
  readonly node: Node;
  /** True when read through the generated Env. */
  readonly checked: boolean;
}

type Origin = "checked" | "loose";

const HANDLERS = new Set(["fetch", "scheduled", "queue", "email", "tail", "trace", "test", "alarm"]);
const OWN_ENV_TYPE = /^(?:Env|Bindings|CloudflareBindings|[A-Za-z_$][\w$]*Env)$/;
const NOT_ENV_TYPE = new Set(["ProcessEnv", "ImportMetaEnv"]);
const ENTRYPOINT_BASES = /\b(?:DurableObject|WorkerEntrypoint|WorkflowEntrypoint)\b/;

export function findEnvReads(morph: TsMorph, file: SourceFile, generated: SourceFile | undefined): EnvRead[] {
  const { Node: N } = morph;
  const out: EnvRead[] = [];
  const generatedKeys = new Set(generated?.getInterfaces().flatMap((i) => i.getProperties().map((p) => p.getName())) ?? []);

  const typeOrigin = (type: Type): Origin | undefined => {
    let found: Origin | undefined;
    for (const part of typeParts(type)) {
      for (const symbol of [part.getAliasSymbol(), part.getSymbol()]) {
        if (!symbol) continue;
        if (generated && symbol.getDeclarations().some((d) => d.getSourceFile() === generated)) return "checked";
        if (OWN_ENV_TYPE.test(symbol.getName()) && !NOT_ENV_TYPE.has(symbol.getName())) found = "loose";
      }
    }
    return found;
  };

  const origin = (start: Node, depth = 0): Origin | undefined => {
    const node = stripCasts(morph, start);
    const byType = typeOrigin(node.getType());
    if (byType === "checked" || depth > 3) return byType;
    if (N.isIdentifier(node)) {
      if (node.getText() === "env") return "loose";
      for (const declaration of node.getSymbol()?.getDeclarations() ?? []) {
        if (N.isVariableDeclaration(declaration)) {
          const initializer = declaration.getInitializer();
          const viaInitializer = initializer && !N.isObjectBindingPattern(declaration.getNameNode()) ? origin(initializer, depth + 1) : undefined;
          if (viaInitializer) return viaInitializer;
        }
        if (N.isParameterDeclaration(declaration) && isEnvParameter(morph, declaration)) return "loose";
        // `import { env as bindings } from "cloudflare:workers"`
        if (N.isImportSpecifier(declaration) && declaration.getName() === "env" && declaration.getImportDeclaration().getModuleSpecifierValue() === "cloudflare:workers") return "loose";
      }
    } else if (N.isPropertyAccessExpression(node) && node.getName() === "env") {
      if (node.getExpression().getText() !== "import.meta") return "loose";
    } else if (N.isCallExpression(node) && node.getExpression().getText() === "env") {
      return "loose";
    }
    return byType;
  };

  const record = (name: string, node: Node, from: Origin) => out.push({ name, node, checked: from === "checked" });

  file.forEachDescendant((node) => {
    if (N.isPropertyAccessExpression(node)) {
      const from = origin(node.getExpression());
      if (from) record(node.getName(), node.getNameNode(), from);
    } else if (N.isElementAccessExpression(node)) {
      const argument = node.getArgumentExpression();
      const from = argument && origin(node.getExpression());
      if (from && argument) for (const name of literalStrings(argument.getType(), 0)) record(name, argument, from);
    } else if (N.isObjectBindingPattern(node)) {
      const from = bindingPatternOrigin(morph, node, origin, typeOrigin);
      if (from) {
        for (const element of node.getElements()) {
          if (element.getDotDotDotToken()) continue;
          record(element.getPropertyNameNode()?.getText() ?? element.getName(), element, from);
        }
      }
    } else if (N.isCallExpression(node)) {
      for (const read of readsOfCall(morph, node, { origin, typeOrigin, generatedKeys })) record(read.name, node.getExpression(), read.from);
    }
  });
  return out;
}

/** `const { A } = env`, or a destructured env parameter (typed, or in a handler's env position). */
function bindingPatternOrigin(
  morph: TsMorph,
  pattern: import("ts-morph").ObjectBindingPattern,
  origin: (node: Node) => Origin | undefined,
  typeOrigin: (type: Type) => Origin | undefined,
): Origin | undefined {
  const byType = typeOrigin(pattern.getType());
  if (byType) return byType;
  const parent = pattern.getParent();
  if (morph.Node.isVariableDeclaration(parent)) {
    const initializer = parent.getInitializer();
    return initializer ? origin(initializer) : undefined;
  }
  if (morph.Node.isParameterDeclaration(parent) && isEnvParameter(morph, parent)) return "loose";
  return undefined;
}

/**
 * Bindings a call reads on the code's behalf: a generic instantiated with an env type reads what its
 * constraint names (the runtime's `createProxyWorker<Env>` and its GatewayEnv), and a call handed an
 * env value reads the binding names its other arguments carry as literal types
 * (`cache.read(env, "OPENAI_API_KEY")`, `providers.openai.keyBinding`).
 */
function readsOfCall(
  morph: TsMorph,
  call: CallExpression,
  env: { origin: (node: Node) => Origin | undefined; typeOrigin: (type: Type) => Origin | undefined; generatedKeys: Set<string> },
): { name: string; from: Origin }[] {
  const typeArguments = call.getTypeArguments();
  const typeIndex = typeArguments.findIndex((argument) => env.typeOrigin(argument.getType()) !== undefined);
  const args = call.getArguments();
  const envArgument = typeIndex < 0 ? args.find((argument) => env.origin(argument) !== undefined) : undefined;
  const from = typeIndex >= 0 ? env.typeOrigin(typeArguments[typeIndex]!.getType()) : envArgument && env.origin(envArgument);
  if (!from) return [];
  const names = new Set<string>();
  if (typeIndex >= 0) {
    const symbol = call.getExpression().getSymbol();
    const declaration = (symbol?.getAliasedSymbol() ?? symbol)?.getDeclarations()[0];
    if (declaration && morph.Node.isFunctionDeclaration(declaration)) {
      const constraint = declaration.getTypeParameters()[typeIndex]?.getConstraint();
      for (const property of constraint?.getType().getProperties() ?? []) names.add(property.getName());
    }
  }
  for (const argument of args) {
    if (argument !== envArgument) for (const literal of literalStrings(argument.getType(), 2)) names.add(literal);
  }
  const known = [...names];
  // Through the generated Env only its keys are bindings; other literals are ordinary strings.
  return (from === "checked" ? known.filter((name) => env.generatedKeys.has(name)) : known).map((name) => ({ name, from }));
}

/** The env parameter of a handler (`fetch(request, env)`) or of an entrypoint's constructor (`(ctx, env)`). */
function isEnvParameter(morph: TsMorph, parameter: import("ts-morph").ParameterDeclaration): boolean {
  const fn = parameter.getParent();
  if (!morph.Node.isParametered(fn) || fn.getParameters().indexOf(parameter) !== 1) return false;
  if (morph.Node.isConstructorDeclaration(fn)) {
    const base = fn.getParentIfKind(morph.SyntaxKind.ClassDeclaration)?.getExtends()?.getText() ?? "";
    const state = fn.getParameters()[0]?.getTypeNode()?.getText() ?? "";
    return ENTRYPOINT_BASES.test(base) || state.includes("DurableObjectState");
  }
  const named = morph.Node.isMethodDeclaration(fn) ? fn : fn.getParent();
  return (morph.Node.isMethodDeclaration(named) || morph.Node.isPropertyAssignment(named)) && HANDLERS.has(named.getName());
}

function typeParts(type: Type): Type[] {
  const parts = [type, ...type.getUnionTypes(), ...type.getIntersectionTypes()];
  const constraint = type.isTypeParameter() ? type.getConstraint() : undefined;
  return constraint ? [...parts, ...typeParts(constraint)] : parts;
}

function literalStrings(type: Type, depth: number): string[] {
  if (type.isStringLiteral()) return [String(type.getLiteralValue())];
  if (type.isUnion()) return type.getUnionTypes().flatMap((part) => literalStrings(part, depth));
  if (depth === 0 || !type.isObject()) return [];
  return type.getProperties().flatMap((property) => {
    const declaration = property.getValueDeclaration();
    return declaration ? literalStrings(property.getTypeAtLocation(declaration), depth - 1) : [];
  });
}

function stripCasts(morph: TsMorph, start: Node): Node {
  let node = start;
  while (
    morph.Node.isAsExpression(node) ||
    morph.Node.isParenthesizedExpression(node) ||
    morph.Node.isNonNullExpression(node) ||
    morph.Node.isTypeAssertion(node) ||
    morph.Node.isSatisfiesExpression(node)
  ) {
    node = node.getExpression();
  }
  return node;
}
