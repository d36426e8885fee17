/// <reference lib="webworker" />
// First: before any module makes a zod schema.
import "./noEval";
import type { WorkerRequest } from "./workerProtocol";
import { serveWorkbook } from "./workerServe";

/**
 * The standalone page's workbook, off the page's thread: ExcelJS loads, snapshots, renders and writes here
 * (workerServe.ts), so a large or hostile file leaves the page responsive and cancellable (the page
 * terminates this worker).
 */

declare const self: DedicatedWorkerGlobalScope;

const serve = serveWorkbook((message, transfer) => self.postMessage(message, transfer));
self.onmessage = (event: MessageEvent<WorkerRequest>) => serve(event.data);
