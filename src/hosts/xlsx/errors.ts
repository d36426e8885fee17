/** IO failures of the .xlsx host, with a stable code; the CLI and the page turn them into messages. */
export type XlsxErrorCode =
  | "not_xlsx"
  | "legacy_xls"
  | "html_xls"
  | "corrupt"
  | "empty"
  /** A CFB file holding an EncryptedPackage stream: an .xlsx with an opening password. */
  | "password_protected"
  /** An OpenDocument spreadsheet (.ods), possibly renamed .xlsx. */
  | "ods"
  /** Another office document (Word, PowerPoint, OpenDocument text …): `detail` is "word", "powerpoint" or "". */
  | "not_workbook"
  /** Decompressed size of the whole package over the limit (figures in bytes). */
  | "too_large"
  /** One part inflates far more than its compressed size: a zip bomb (figures: ratio). */
  | "zip_bomb"
  /** More parts in the package than the limit. */
  | "too_many_parts"
  /** More cells in the worksheets than the limit. */
  | "too_many_cells"
  /** More merged areas in the worksheets than the limit. */
  | "too_many_merges";

/** A refusal past a limit carries the limit and the figure found, so the message can give both. */
export interface LimitFigures {
  actual: number;
  limit: number;
}

export class XlsxLoadError extends Error {
  constructor(
    readonly code: XlsxErrorCode,
    /** Free detail: a part name, "word"/"powerpoint" for not_workbook, the parser's message for corrupt. */
    readonly detail?: string,
    /** For limit refusals (too_large, zip_bomb, too_many_*): the limit and the figure found. */
    readonly figures?: LimitFigures,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "XlsxLoadError";
  }
}
