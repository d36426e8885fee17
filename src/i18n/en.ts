import type { UiStrings } from "./types";

/** Host failures (HostError codes); several Office codes share one text. */
const PAYLOAD =
  "The data sent at once exceeded Excel's size limit. Close other workbooks and try again, or use the desktop version of Excel.";
const NAME_TAKEN =
  "A sheet or table with the same name already exists in the workbook. Rename it and try again.";
const TOO_OLD = "This version of Excel is too old for the add-in (Excel 2019 or Microsoft 365 is required).";
const MERGED =
  "The ledger range contains merged cells, so a table cannot be created there. Unmerge them and try again.";

export const en: UiStrings = {
  appTitle: "Proposal Ledger",
  tabs: {
    structure: "Structure",
    check: "Check",
    remind: "Reminders",
    report: "Statistics & report",
    settings: "Settings",
  },
  loading: "Reading the workbook…",
  reload: "Read again",
  fields: {
    seq: "No.",
    id: "ID",
    kind: "Kind",
    title: "Title",
    proposer: "Proposer",
    topic: "Topic",
    role: "Lead / assist",
    key: "Key item",
    leader: "Leader in charge",
    department: "Department",
    handler: "Handler",
    phone: "Phone",
    assignedOn: "Assigned on",
    dueOn: "Deadline",
    repliedOn: "Replied on",
    replyRef: "Reply reference",
    result: "Result class",
    satisfaction: "Satisfaction",
    satisfactionWork: "Satisfaction with the handling",
    consultation: "Consultation",
    status: "Status",
    notes: "Notes",
  },
  structure: {
    intro: (sheet, header, first, last) =>
      `Ledger found on sheet "${sheet}": header in row ${header}, data in rows ${first}–${last}.`,
    mappingHeading: "Fields and columns",
    notMapped: "(not mapped)",
    column: (letter, header) => `Column ${letter} · ${header}`,
    required: "required",
    sheetsTogether: (sheets) => `Sheets read together: ${sheets.join(", ")}`,
    button: "Structure the ledger",
    working: "Structuring the ledger…",
    progress: "Progress",
    done: (backups) =>
      backups.length === 1
        ? `The ledger is structured; the original sheet is backed up as "${backups[0]}".`
        : `The ledger is structured; the original sheets are backed up as ${backups.map((b) => `"${b}"`).join(", ")}.`,
  },
  check: {
    heading: "Check results",
    overdue: "Overdue",
    dueSoon: "Due soon",
    errors: "Errors",
    warnings: "Warnings",
    none: "No problems found.",
    sheetWide: "Whole sheet",
    row: (row) => `Row ${row}`,
    sheetRow: (sheet, row) => `Sheet "${sheet}", row ${row}`,
    sheetWideOf: (sheet) => `Sheet "${sheet}", whole sheet`,
    goTo: (cell, message) => `${cell}: ${message}`,
  },
  remind: {
    heading: "Reminders",
    department: "Department",
    allDepartments: "All departments",
    leader: "Leader in charge",
    allLeaders: "All leaders",
    within: "Due within",
    withinDays: (days) => `${days} days`,
    noDepartment: "(no department)",
    counts: (overdue, dueSoon) => `${overdue} overdue · ${dueSoon} due soon`,
    row: (row) => `Row ${row}`,
    handler: (name) => `handled by ${name}`,
    deadline: (iso) => `due ${iso}`,
    overdueDays: (days) => `${days} ${days === 1 ? "day" : "days"} overdue`,
    dueToday: "due today",
    daysLeft: (days) => `${days} ${days === 1 ? "day" : "days"} left`,
    copyGroup: "Copy reminder",
    copyAll: "Copy all",
    copied: "Copied",
    copyFailed: "Could not copy: select the text and copy it by hand.",
    unknownHeading: "Deadline unknown",
    unknownHint: "These items have no deadline that can be read: please check them.",
    none: "Nothing to chase: no item is overdue or due soon.",
    generate: "Write reminder sheet",
    working: "Writing the reminder sheet…",
    done: "The reminder sheet is written.",
  },
  report: {
    button: "Generate statistics and report",
    working: "Generating statistics and report…",
    done: "The statistics and report sheets are up to date.",
    figures: "Key figures",
    total: "Total items",
    replyRate: "Reply rate",
    onTimeReplyRate: "On-time reply rate",
    satisfactionRate: "Satisfaction rate",
    satisfactionWorkRate: "Satisfaction with the handling",
    satisfactionResultRate: "Satisfaction with the result",
    feedbackRate: "Feedback return rate",
    repliedUndated: (n) =>
      n === 1
        ? "1 replied item has no reply date and does not count as replied on time."
        : `${n} replied items have no reply date and do not count as replied on time.`,
    overdue: "Overdue",
    dueSoon: "Due soon",
    items: (n) => `${n} ${n === 1 ? "item" : "items"}`,
    reportText: "Report text",
    copy: "Copy",
    copied: "Copied to the clipboard.",
    copyFailed: "Could not copy: select the text and copy it by hand.",
    print: "Make the printable ledger",
    printHint:
      "The 台账打印 sheet: number, subject, section, handler, leader, deadline, status and result, A4 landscape, for the progress meeting.",
    wordFile: "report",
    printDone: "The printable ledger is ready (sheet 台账打印).",
  },
  settings: {
    heading: "Statistics settings",
    organisation: "Organisation",
    year: "Year",
    yearHint: "Leave empty to take it from the assignment dates",
    asOf: "As-of date",
    asOfHint: "Leave empty for today",
    deadlineMonths: "Deadline (months)",
    assistDeadlineMonths: "Assisting units' deadline (months; blank = as the lead unit)",
    dueSoonDays: "Due-soon warning (days)",
    excludeDepartments: "Departments left out of the totals",
    excludeHint: "One per line",
    resultScheme: "Result classes",
    schemes: { ABC: "A / B / C", ABCD: "A / B / C / D", jiayibing: "甲 / 乙 / 丙" },
    save: "Save settings",
    saving: "Saving settings…",
    saved: "Settings saved in the workbook.",
    invalid: "Please check the values entered.",
  },
  notices: {
    skipped: (features) =>
      `This version of Excel does not support the following, so they were skipped and the rest was written: ${features}.`,
    features: {
      dataValidation: "data validation (drop-down lists)",
      pageLayout: "print page setup",
      mergedAreas: "merged-cell detection",
      undoGroup: "undo",
      conditionalFormats: "conditional formatting",
      tableEvents: "automatic re-check",
    },
    dismiss: "Dismiss",
  },
  errors: {
    title: "Something went wrong",
    settings: "A setting is invalid: check the Settings tab.",
    unexpected: "Something unexpected happened. Please try again.",
  },
  hostErrors: {
    InvalidOperationInCellEditMode: () =>
      "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
    AccessDenied: () =>
      "The sheet or workbook is protected (or read-only), so it cannot be changed. Unprotect it on the Review tab and try again.",
    MergedRangeConflict: () => MERGED,
    RequestPayloadSizeLimitExceeded: () => PAYLOAD,
    ResponsePayloadSizeLimitExceeded: () => PAYLOAD,
    PayloadTooLarge: () => PAYLOAD,
    RangeExceedsLimit: () => PAYLOAD,
    OperationCellsExceedLimit: () => PAYLOAD,
    GeneralException: () =>
      "Excel reported an internal error and the operation did not finish. Save the workbook and try again; the backup of your ledger is kept.",
    ItemNotFound: () =>
      "A sheet or table the add-in needs was not found; it may have been renamed or deleted meanwhile. Reload and try again.",
    ItemAlreadyExists: () => NAME_TAKEN,
    ApiNotFound: () => TOO_OLD,
    ExcelTooOld: () => TOO_OLD,
    SheetNameTaken: (d) => (d.sheet ? `${NAME_TAKEN} (${d.sheet})` : NAME_TAKEN),
    Unknown: (d) =>
      `Excel returned an error (code ${d.officeCode ?? "Unknown"}) and the operation did not finish.`,
    render_failed: () => "Writing the workbook failed; the original file is untouched.",
    download_failed: () => "Building the download failed. Please try again.",
  },
  commands: {
    done: "The year-end statistics are ready.",
    openPaneFirst:
      "This workbook has not been structured as a ledger yet. On the Home tab, in the 建议提案 group, click 打开台账助手 (Open ledger assistant) to structure it first, then generate the statistics.",
    failed: (message) =>
      `The statistics could not be generated: ${message} Open the ledger assistant for details.`,
  },
  demo: { selection: "Selected cell" },
  page: {
    title: "Proposal Ledger",
    subtitle: "Turns a 责任分工表 into a structured ledger, a statistics sheet and a report",
    choose: "Open an Excel file (.xlsx)",
    drop: "or drop it here",
    privacy: "The file is processed in this browser only; nothing is uploaded.",
    reading: "Reading the file…",
    // "下载" stays in the English name so the page's download button is found by one name in every language.
    download: "Download the built workbook (下载)",
    downloading: "Building the workbook…",
    downloadHint:
      "With the structured ledger, a backup of the original, the statistics and the report, built with the column mapping and settings below as they stand.",
    figures: "Key figures",
    another: "Open another file",
    builtSuffix: " (built)",
    downloadWord: "Download the report as Word",
    downloadWordHint:
      "A .docx in the official-document layout (GB/T 9704) for Word and WPS, with what you wrote on the report sheet.",
    wordSuffix: " (report)",
    wordFailed: "The Word report could not be made. Please try again.",
    errorTitle: "Cannot read the file",
    stages: { read: "Reading the file", analyse: "Analysing the sheets", build: "Building the workbook" },
    cancel: "Cancel",
    cancelled: "Cancelled: nothing was read or built. You can choose a file again.",
    stopped: {
      timeout: (minutes) =>
        `Stopped after ${minutes} minutes. The file may be too large: delete the sheets or rows you do not need in Excel or WPS and try again.`,
      failed:
        "Something went wrong with this file (it may be too large or damaged), so it was stopped. The page still works: choose another file, or save it as .xlsx in Excel or WPS and try again.",
    },
    preview: {
      heading: "Preview",
      caption: (sheet, row) => `Sheet "${sheet}", row ${row}`,
      row: "Row",
    },
    dropped: {
      title: "The downloaded workbook will not keep the following",
      intro:
        "The web page cannot carry these parts of the original file over as they are. To keep them, use the add-in in Excel, or add them back after the download.",
      download: "Understood, download (下载)",
      back: "Not now",
    },
    modes: { label: "Mode", single: "One ledger", rollup: "Roll up several units (汇总)" },
    rollup: {
      intro:
        "Choose or drop the units' ledger files (several at once) to roll them up in this browser into one new workbook: 汇总统计 (the figures), 汇总台账 (every item) and 各单位问题 (the issues). An item several units handle (same number and kind) counts once in the total.",
      choose: "Choose several ledger files (.xlsx)",
      drop: "or drop the files here together",
      working: "Rolling up…",
      summary: (units, asOf) => `${units} ${units === 1 ? "unit" : "units"} rolled up, figures as of ${asOf}`,
      table: "Figures by unit",
      columns: {
        unit: "Unit",
        file: "File",
        total: "Items",
        replyRate: "Reply rate",
        overdue: "Overdue",
        issues: "Issues",
      },
      total: "Total (each item once)",
      duplicates: (count) => `Items several units handle: ${count} (counted once in the total)`,
      failedTitle: "Files not rolled up",
      none: "No ledger could be rolled up: check the files listed below.",
      // "下载" stays in the name, as on the page's other download buttons.
      download: "Download the roll-up workbook (下载)",
      downloadHint: "With 汇总统计 (formulas over 汇总台账, and a chart), 汇总台账 and 各单位问题.",
      fileName: "rollup",
    },
  },
};
