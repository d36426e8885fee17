/** The report as structured paragraphs; hosts lay them out, the CLI prints `text`. */
export type ReportParagraph =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  /** Generated from the figures. */
  | { kind: "body"; text: string }
  /** A marked place for prose people write themselves. */
  | { kind: "placeholder"; text: string };

export interface Report {
  paragraphs: ReportParagraph[];
  /** Paragraphs joined with blank lines, placeholders included. */
  text: string;
}

/**
 * Last year's follow-up (回头看) as the report states it: counts from a year-over-year comparison
 * (compare.ts followUpSummary). Each item once, though it may be both B类 and unreplied.
 */
export interface ReportFollowUp {
  lastYear: number | null;
  /** Distinct items followed up. */
  items: number;
  /** Of them, last year's B类 (列入计划), and those not replied last year. */
  planned: number;
  unreplied: number;
  /** Found again in this year's ledger; of them replied, and replied as A类 (已解决). */
  matched: number;
  replied: number;
  solved: number;
  notFound: number;
  /** Items with several close rows, left for the user to decide. */
  ambiguous: number;
}
