import type { SettingsInput } from "../core/settings";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { WorkbookPlan } from "../core/plan/types";
import { HOST_ERROR_CODES, HostError, type ApplyResult, type HostErrorDetails } from "../hosts/host";
import { XlsxLoadError, type LimitFigures, type XlsxErrorCode } from "../hosts/xlsx/errors";
import type { BuiltWorkbook, FollowUpSource } from "./fileHostApi";
import type { PageRollup, PageRollupFile } from "./rollupJob";
import type { AnalyzeOutcome } from "../core/analyze";

/**
 * What the page and its workbook worker (ledger.worker.ts) say to each other. Everything is plain data
 * (structured clone); errors cross as codes ({ code, detail }), never as Error objects, and are made into
 * XlsxLoadError / HostError again on the page so that the usual messages (failures.ts, hostErrors) apply.
 */

/** The stages the page's progress bar names: 读取 (loading the file), 分析 (reading it out), 生成 (the build). */
export type WorkerStage = "read" | "analyse" | "build";

export type WorkerRequest =
  | { id: number; type: "open"; bytes: ArrayBuffer }
  | { id: number; type: "snapshot" }
  | { id: number; type: "apply"; plan: WorkbookPlan }
  | { id: number; type: "build"; settings: SettingsInput; followUp?: FollowUpSource }
  /** 汇总多个单位: needs no open workbook (a worker of its own, workerHost.ts rollupInWorker). */
  | { id: number; type: "rollup"; files: PageRollupFile[]; settings: SettingsInput }
  /** 选择上一年度台账…: last year's file analysed apart (a worker of its own, workerHost.ts analyseInWorker). */
  | { id: number; type: "lastYear"; bytes: ArrayBuffer; settings: SettingsInput };

export type WorkerResult =
  | { type: "open" }
  | { type: "snapshot"; snapshot: WorkbookSnapshot }
  | { type: "apply"; result: ApplyResult }
  | { type: "build"; built: BuiltWorkbook }
  | { type: "rollup"; rollup: PageRollup }
  | { type: "lastYear"; outcome: AnalyzeOutcome };

export type WireError =
  | { kind: "load"; code: XlsxErrorCode; detail?: string; figures?: LimitFigures }
  | { kind: "host"; code: HostError["code"]; details: HostErrorDetails }
  | { kind: "unexpected"; detail?: string };

export type WorkerReply =
  | { id: number; type: "progress"; stage: WorkerStage; fraction?: number }
  | { id: number; type: "done"; result: WorkerResult }
  | { id: number; type: "failed"; error: WireError };

/** An error thrown in the worker, as data. */
export function toWire(error: unknown): WireError {
  if (error instanceof XlsxLoadError) {
    const wire: WireError = { kind: "load", code: error.code };
    if (error.detail !== undefined) wire.detail = error.detail;
    if (error.figures) wire.figures = { actual: error.figures.actual, limit: error.figures.limit };
    return wire;
  }
  if (error instanceof HostError) return { kind: "host", code: error.code, details: { ...error.details } };
  // A RangeError from a too-deep or too-large structure, say: named for logs, worded by the page.
  return { kind: "unexpected", detail: error instanceof Error ? error.name : typeof error };
}

/** The error again, on the page's side. */
export function fromWire(error: WireError): Error {
  switch (error.kind) {
    case "load":
      return new XlsxLoadError(error.code, error.detail, error.figures);
    case "host":
      return HOST_ERROR_CODES.includes(error.code)
        ? new HostError(error.code, error.details)
        : new HostError("Unknown");
    case "unexpected":
      return new Error(error.detail ?? "unexpected");
  }
}
