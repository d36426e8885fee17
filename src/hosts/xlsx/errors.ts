/** IO failures of the .xlsx host, with a stable code; the CLI and the page turn them into messages. */
export type XlsxErrorCode = "not_xlsx" | "legacy_xls" | "html_xls" | "corrupt" | "empty";

export class XlsxLoadError extends Error {
  constructor(
    readonly code: XlsxErrorCode,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "XlsxLoadError";
  }
}
