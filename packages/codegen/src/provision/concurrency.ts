// Local stores are independent folders, each reached through its own wrangler process (about 1.4 s
// of start-up apiece): working on a few at once is what makes seeding seven apps quick.
import { availableParallelism } from "node:os";

export const LOCAL_STORE_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

/**
 * Runs `work` over `items` with at most `limit` in flight and returns results in input order.
 * `shouldStop` is checked before each new item starts: items already running always finish.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  options: { limit: number; shouldStop?: () => boolean },
  work: (item: T, index: number) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  const lane = async () => {
    while (next < items.length && !(options.shouldStop?.() ?? false)) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.limit, items.length) }, lane));
  return results;
}
