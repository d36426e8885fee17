/**
 * Starts the workbook worker. webpack 5 bundles `new Worker(new URL(…, import.meta.url))` as a chunk of its
 * own (ledger-worker.js beside the page). Kept alone in this module: Jest (CommonJS) cannot parse import.meta.
 */
export function spawnLedgerWorker(): Worker {
  const ready = spare;
  spare = undefined;
  // A spare that failed to start is dropped: a fresh one fails (or starts) where the caller listens.
  if (ready && !ready.failed) return ready.worker;
  ready?.worker.terminate();
  return newWorker();
}

/**
 * One worker started ahead, while the user picks a file: its scripts (ExcelJS and the engine's reading code) are
 * loaded and parsed by the time the file comes, half a second of the first file's wait at 20,000 rows. Where no
 * worker can start (file://) nothing happens; spawnLedgerWorker then fails as it would have.
 */
export function prewarmLedgerWorker(): void {
  if (spare) return;
  try {
    const worker = newWorker();
    const ready = { worker, failed: false };
    worker.addEventListener("error", () => (ready.failed = true));
    spare = ready;
  } catch {
    // Workers refused here: the file is read when it comes, as before.
  }
}

let spare: { worker: Worker; failed: boolean } | undefined;

function newWorker(): Worker {
  return new Worker(new URL("./ledger.worker.ts", import.meta.url), { name: "ledger-worker" });
}
