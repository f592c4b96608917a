import type { Server } from 'node:http';

/** Stops an HTTP server at once: every open connection is dropped; resolves when it has closed. */
export function stopServer(server: Server): Promise<void> {
  return new Promise<void>((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });
}
