import type { CombinedDataTransformer } from '@trpc/server';
import superjson from 'superjson';

/**
 * The server's tRPC transformer: superjson both ways, as the desk's client expects, with one
 * shortcut on the way out. An answer made only of what JSON carries as it is (null, booleans,
 * strings, finite numbers other than -0, arrays, plain objects, no undefined) is what superjson
 * would send as `{ json: value }` with no meta: it is sent so without superjson's walk over it,
 * which was the largest part of a push's answer (the profile of bench:server). Anything else goes
 * through superjson.
 */

/** Deeper than any answer the server builds; past it the shortcut gives way to superjson. */
const MAX_DEPTH = 64;

function plainJson(value: unknown, depth: number): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) {
          if (!(i in value) || !plainJson(value[i], depth + 1)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) {
        if (!plainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

export const wireTransformer: CombinedDataTransformer = {
  input: superjson,
  output: {
    serialize: (value: unknown) => (plainJson(value, 0) ? { json: value } : superjson.serialize(value)),
    deserialize: (data: unknown) => superjson.deserialize(data as Parameters<typeof superjson.deserialize>[0]),
  },
};
