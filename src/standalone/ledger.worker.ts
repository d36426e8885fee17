/// <reference lib="webworker" />
// First: before any module makes a zod schema.
import "./noEval";
import type { WorkerRequest } from "./workerProtocol";
import { serveWorkbook } from "./workerServe";
import { setDeflate } from "../hosts/xlsx/zip";

/**
 * The standalone page's workbook, off the page's thread: ExcelJS loads, snapshots, renders and writes here
 * (workerServe.ts), so a large or hostile file leaves the page responsive and cancellable (the page
 * terminates this worker).
 */

declare const self: DedicatedWorkerGlobalScope;

// The browser's own deflate where it has one ("deflate-raw": Chrome 103, Firefox 113, Safari 16.4), several times
// faster than fflate's JavaScript on a large ledger; fflate's otherwise.
if (deflateRawAvailable()) setDeflate({ deflateRaw: deflateRawNative });

function deflateRawAvailable(): boolean {
  try {
    new CompressionStream("deflate-raw");
    return true;
  } catch {
    return false;
  }
}

async function deflateRawNative(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const serve = serveWorkbook((message, transfer) => self.postMessage(message, transfer));
self.onmessage = (event: MessageEvent<WorkerRequest>) => serve(event.data);
