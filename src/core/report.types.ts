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
