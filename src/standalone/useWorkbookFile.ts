import { useCallback, useRef, useState } from "react";
import type { Locale } from "../core/fields";
import { failureMessage } from "../i18n/failures";
import { XlsxLoadError } from "../hosts/xlsx/errors";
import { strings } from "../i18n";
import type { FileHost } from "./fileHost";

export type FileState =
  | { phase: "idle" }
  | { phase: "reading"; fileName: string }
  | { phase: "ready"; fileName: string; host: FileHost; id: number }
  | { phase: "failed"; fileName: string; message: string };

/**
 * Turns a chosen or dropped file into a FileHost. ExcelJS arrives with the host module, loaded on the
 * first file, so the page itself opens at once. Failures become a message in the user's language.
 */
export function useWorkbookFile(locale: Locale) {
  const [state, setState] = useState<FileState>({ phase: "idle" });
  // Only the latest file may land when the user picks another while one is being read.
  const seq = useRef(0);

  const open = useCallback(
    async (file: File) => {
      const id = ++seq.current;
      setState({ phase: "reading", fileName: file.name });
      try {
        const bytes = await file.arrayBuffer();
        const { openFileHost } = await import(/* webpackChunkName: "xlsx-host" */ "./fileHost");
        const host = await openFileHost(bytes);
        if (id === seq.current) setState({ phase: "ready", fileName: file.name, host, id });
      } catch (e) {
        if (id === seq.current)
          setState({ phase: "failed", fileName: file.name, message: loadMessage(e, locale) });
      }
    },
    [locale],
  );

  return { state, open };
}

function loadMessage(error: unknown, locale: Locale): string {
  if (error instanceof XlsxLoadError) return failureMessage(error.code, locale);
  // Not the file's fault (the ExcelJS chunk failed to load, say): no claim that the file is damaged.
  return strings(locale).errors.unexpected;
}

/** "台账.xlsx" → "台账（已整理）.xlsx"; an HTML table saved as "台账.xls" is built into an .xlsx too. */
export function builtName(fileName: string, suffix: string): string {
  const base = fileName.replace(/\.xlsx?$/i, "");
  return `${base || "ledger"}${suffix}.xlsx`;
}
