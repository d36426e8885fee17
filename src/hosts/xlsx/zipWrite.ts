import type ExcelJS from "exceljs";
import { zipSync, type Zippable } from "fflate";

/**
 * ExcelJS's own .xlsx writer, with fflate in place of its zip. ExcelJS renders each part to a string and hands it
 * to jszip, whose JavaScript UTF-8 encoding, CRC and deflate took most of a build's writing time at 20,000 rows
 * (three times ExcelJS's rendering). Here the same parts, rendered by the same ExcelJS methods in the same order
 * as `XLSX.write`, are encoded with the native TextEncoder and zipped by fflate. test/hosts/xlsx/zipWrite.test.ts
 * checks every part is the same as `wb.xlsx.writeBuffer()` writes; an ExcelJS without these methods falls back to
 * its own writer.
 */

interface Appender {
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void;
}

/** The methods of ExcelJS's XLSX class (lib/xlsx/xlsx.js, 4.x) that `write` calls, in its order. */
interface XlsxInternals {
  workbook: { model: unknown };
  prepareModel(model: unknown, options: object): void;
  addContentTypes(zip: Appender, model: unknown): Promise<void>;
  addOfficeRels(zip: Appender, model: unknown): Promise<void>;
  addWorkbookRels(zip: Appender, model: unknown): Promise<void>;
  addWorksheets(zip: Appender, model: unknown): Promise<void>;
  addSharedStrings(zip: Appender, model: unknown): Promise<void>;
  addDrawings(zip: Appender, model: unknown): Promise<void>;
  addTables(zip: Appender, model: unknown): Promise<void>;
  addThemes(zip: Appender, model: unknown): Promise<void>;
  addStyles(zip: Appender, model: unknown): Promise<void>;
  addMedia(zip: Appender, model: unknown): Promise<void>;
  addApp(zip: Appender, model: unknown): Promise<void>;
  addCore(zip: Appender, model: unknown): Promise<void>;
  addWorkbook(zip: Appender, model: unknown): Promise<void>;
}

const STEPS = [
  "prepareModel",
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addWorksheets",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
] as const;

const ENCODER = new TextEncoder();

/**
 * The workbook as .xlsx bytes, deflated at `level` (0 = stored: bytes only the tool reads again). Undefined when
 * this ExcelJS lacks a method `XLSX.write` uses (the caller then writes with ExcelJS itself).
 */
export async function zipWorkbook(wb: ExcelJS.Workbook, level: 0 | 6): Promise<Uint8Array | undefined> {
  const parts = await workbookParts(wb);
  return parts === undefined ? undefined : zipSync(Object.fromEntries(parts) as Zippable, { level });
}

/**
 * The parts of the .xlsx ExcelJS would write, by path, not zipped: a build hands them to carryOver as they are
 * (zipping them only to unzip them again cost a CRC of every byte). Undefined as zipWorkbook.
 */
export async function workbookParts(wb: ExcelJS.Workbook): Promise<Map<string, Uint8Array> | undefined> {
  const xlsx = wb.xlsx as unknown as XlsxInternals;
  if (STEPS.some((step) => typeof xlsx[step] !== "function")) return undefined;
  const entries = new Map<string, Uint8Array>();
  const zip: Appender = {
    append(data, { name, base64 }) {
      entries.set(
        name,
        typeof data !== "string" ? data : base64 === true ? fromBase64(data) : ENCODER.encode(data),
      );
    },
  };
  const { model } = xlsx.workbook;
  const options = {};
  xlsx.prepareModel(model, options);
  await xlsx.addContentTypes(zip, model);
  await xlsx.addOfficeRels(zip, model);
  await xlsx.addWorkbookRels(zip, model);
  await xlsx.addWorksheets(zip, model);
  await xlsx.addSharedStrings(zip, model);
  await xlsx.addDrawings(zip, model);
  await xlsx.addTables(zip, model);
  await Promise.all([xlsx.addThemes(zip, model), xlsx.addStyles(zip, model)]);
  await xlsx.addMedia(zip, model);
  await Promise.all([xlsx.addApp(zip, model), xlsx.addCore(zip, model)]);
  await xlsx.addWorkbook(zip, model);
  return entries;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
