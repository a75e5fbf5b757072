/**
 * When each token was last used, written off the request's path: authentication notes a use in
 * memory (no query, no wait), and a timer writes what was noted once a minute, in one statement for
 * every token. So `last_used_at` lags by up to a minute, a token is written at most once a minute,
 * and a request never waits on — or, on PGlite's single connection, queues behind — a write of its
 * own. Stopping (the app's shutdown) writes what is left before the store closes.
 */
import type { Deps } from '../deps.ts';
import { recordTokenUses } from './token.repository.ts';

/** How often noted uses are written. */
export const TOKEN_USAGE_FLUSH_MS = 60_000;

/** The recorder of token uses. */
export interface TokenUsage {
  /** Notes that a token is used now; returns at once. */
  note(tokenId: string): void;
  /** Writes the uses noted so far (after any write already running); never throws. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  stop(): Promise<void>;
}

/** Starts recording token uses on `deps.db`, written every `intervalMs`. */
export function startTokenUsage(
  deps: Pick<Deps, 'db' | 'clock' | 'logger'>,
  intervalMs = TOKEN_USAGE_FLUSH_MS,
): TokenUsage {
  let pending = new Map<string, Date>();
  // One write at a time, in order: a flush waits for the one before it.
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    writing = writing.then(async () => {
      if (pending.size === 0) return;
      const uses = [...pending].map(([tokenId, at]) => ({ tokenId, at }));
      pending = new Map();
      try {
        await recordTokenUses(deps.db, uses);
      } catch (error) {
        // Usage times are a convenience: a failed write loses them, never a request.
        deps.logger.warn({ err: error, tokens: uses.length }, 'writing token usage failed');
      }
    });
    return writing;
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  return {
    note(tokenId) {
      pending.set(tokenId, deps.clock.now());
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
