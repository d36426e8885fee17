/**
 * Starts the workbook worker. webpack 5 bundles `new Worker(new URL(…, import.meta.url))` as a chunk of its
 * own (ledger-worker.js beside the page). Kept alone in this module: Jest (CommonJS) cannot parse import.meta.
 */
export function spawnLedgerWorker(): Worker {
  return new Worker(new URL("./ledger.worker.ts", import.meta.url), { name: "ledger-worker" });
}
