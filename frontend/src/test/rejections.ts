// Promise rejections nobody handled, as Node reports them to the test process (in a browser: the page's
// "Uncaught (in promise)" error). The app's tsconfig has no Node types, hence the narrow shape.
interface NodeProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
}

/** Start collecting unhandled rejections; `stop()` ends it and answers what was seen. */
export function watchRejections() {
  const node = (globalThis as unknown as { process: NodeProcess }).process;
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  node.on('unhandledRejection', listener);
  return {
    seen,
    /** Let pending rejections be reported (Node does so after the microtask queue), then stop listening. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 50));
      node.off('unhandledRejection', listener);
      return seen;
    },
  };
}
