import type { Field, Locale } from "../core/fields";
import type { HostErrorCode, HostErrorDetails, HostFeature } from "../hosts/host";

export type { Locale };

/**
 * Every string the task pane, the ribbon commands and the standalone page show. Parameterised strings are
 * functions. test/i18n/catalogue.test.ts checks that each locale has every entry of zh-CN.
 */
export interface UiStrings {
  appTitle: string;
  tabs: { structure: string; check: string; remind: string; report: string; settings: string };
  loading: string;
  reload: string;
  fields: Record<Field, string>;
  structure: {
    intro: (sheet: string, header: string, first: number, last: number) => string;
    mappingHeading: string;
    notMapped: string;
    column: (letter: string, header: string) => string;
    required: string;
    /** A ledger kept on several sheets (人大建议 on one, 政协提案 on another): the sheets read as one ledger. */
    sheetsTogether: (sheets: readonly string[]) => string;
    button: string;
    working: string;
    progress: string;
    /** After 整理台账: the backup of each sheet of the ledger (one for most ledgers). */
    done: (backups: readonly string[]) => string;
  };
  check: {
    heading: string;
    overdue: string;
    dueSoon: string;
    errors: string;
    warnings: string;
    none: string;
    sheetWide: string;
    row: (row: number) => string;
    /** A group's title when the ledger spans several sheets. */
    sheetRow: (sheet: string, row: number) => string;
    sheetWideOf: (sheet: string) => string;
    goTo: (cell: string, message: string) => string;
  };
  /** 催办: the open items overdue or due soon, by 承办科室 (the messages themselves come from the engine). */
  remind: {
    heading: string;
    /** The filters: 科室, 分管领导, and how many days ahead count. */
    department: string;
    allDepartments: string;
    leader: string;
    allLeaders: string;
    within: string;
    withinDays: (days: number) => string;
    /** A group without a 承办科室. */
    noDepartment: string;
    /** A group's counts: "已超期 1 件 · 即将到期 2 件". */
    counts: (overdue: number, dueSoon: number) => string;
    /** An item without an 编号. */
    row: (row: number) => string;
    handler: (name: string) => string;
    deadline: (iso: string) => string;
    overdueDays: (days: number) => string;
    dueToday: string;
    daysLeft: (days: number) => string;
    copyGroup: string;
    copyAll: string;
    copied: string;
    copyFailed: string;
    /** 办理时限不明: open items whose deadline cannot be read, listed apart. */
    unknownHeading: string;
    unknownHint: string;
    none: string;
    generate: string;
    working: string;
    done: string;
  };
  report: {
    button: string;
    working: string;
    done: string;
    figures: string;
    total: string;
    replyRate: string;
    onTimeReplyRate: string;
    satisfactionRate: string;
    /** The two aspects, when the ledger scores 办理工作 in a column of its own. */
    satisfactionWorkRate: string;
    satisfactionResultRate: string;
    feedbackRate: string;
    /** Under the figures: replied items without a reply date, never counted as on time. */
    repliedUndated: (n: number) => string;
    overdue: string;
    dueSoon: string;
    items: (n: number) => string;
    reportText: string;
    copy: string;
    copied: string;
    copyFailed: string;
    /** 生成打印版台账: the button, what it writes, and the done message. */
    print: string;
    printHint: string;
    printDone: string;
    /** Name of the .docx the pane saves, without ".docx". */
    wordFile: string;
  };
  /** 统计与汇报's 对比上一年度 section (core/compare.ts): the two years side by side and last year's items. */
  compare: {
    title: string;
    /** Where last year's ledger was read: a sheet of this workbook, or the file chosen on the page. */
    fromSheet: (sheet: string) => string;
    fromFile: (file: string) => string;
    /** The report gains the 回头看 paragraph. */
    inReport: string;
    figures: string;
    item: string;
    /** A column head: the year, or 上年度/本年度 when a ledger has none. */
    lastYear: (year: number | null) => string;
    thisYear: (year: number | null) => string;
    change: string;
    total: string;
    replyRate: string;
    onTimeReplyRate: string;
    satisfactionRate: string;
    resultClass: (letter: string) => string;
    /** An item's result class (办理结果). */
    result: (letter: string) => string;
    /** A rate's change, in percentage points ("+6.2"). */
    points: (signed: string) => string;
    followUp: string;
    tally: (matched: number, notFound: number, ambiguous: number) => string;
    none: string;
    planned: string;
    unreplied: string;
    matched: string;
    notFound: string;
    ambiguous: string;
    /** A row of either year's ledger, with its sheet where the ledger spans sheets. */
    row: (row: number) => string;
    /** What became of a matched item: this year's row and its state. */
    now: (row: string, state: string) => string;
    status: { replied: string; overdue: string; dueSoon: string; open: string; unknown: string };
    sameId: string;
    similarity: (score: string) => string;
    review: string;
    reviewHint: string;
    /** The page's file chooser for last year's ledger. */
    choose: string;
    chooseHint: string;
    reading: string;
    clear: string;
  };
  settings: {
    heading: string;
    organisation: string;
    year: string;
    yearHint: string;
    asOf: string;
    asOfHint: string;
    deadlineMonths: string;
    /** 协办/会办's own period; blank = the main rule. */
    assistDeadlineMonths: string;
    dueSoonDays: string;
    excludeDepartments: string;
    excludeHint: string;
    resultScheme: string;
    schemes: { ABC: string; ABCD: string; jiayibing: string };
    save: string;
    saving: string;
    saved: string;
    invalid: string;
  };
  notices: {
    skipped: (features: string) => string;
    features: Record<HostFeature, string>;
    dismiss: string;
  };
  errors: {
    title: string;
    settings: string;
    unexpected: string;
  };
  /** A host failure (HostError) in words: one text per code, its details filled in. */
  hostErrors: Record<HostErrorCode, (details: HostErrorDetails) => string>;
  commands: {
    done: string;
    /** Shown in a dialog when the ribbon button cannot open the task pane itself. */
    openPaneFirst: string;
    failed: (message: string) => string;
  };
  /** The demo page (the pane without Excel): where Excel's name box would show the selected cell. */
  demo: { selection: string };
  /** The standalone page's own words (file picking, download); the pane inside it uses the rest. */
  page: {
    title: string;
    subtitle: string;
    choose: string;
    drop: string;
    privacy: string;
    reading: string;
    download: string;
    downloading: string;
    /** What the download holds, and that it follows the corrections made below. */
    downloadHint: string;
    /** Heading of the figures of the workbook as it will be downloaded. */
    figures: string;
    another: string;
    /** Suffix of the downloaded file's name, before ".xlsx". */
    builtSuffix: string;
    /** The report as a Word/WPS document (.docx, GB/T 9704 layout): the button, its hint, the file's suffix. */
    downloadWord: string;
    downloadWordHint: string;
    wordSuffix: string;
    wordFailed: string;
    errorTitle: string;
    /** The stages of the progress bar while a file is read or built: 读取, 分析, 生成. */
    stages: { read: string; analyse: string; build: string };
    cancel: string;
    /** After 取消: nothing was kept, another file can be chosen. */
    cancelled: string;
    /** A read or build that the page stopped (it took longer than `minutes`) or that failed outside the file's fault. */
    stopped: { timeout: (minutes: number) => string; failed: string };
    /** The row an item of 催办 points at, as it is in the workbook (the page cannot select a cell). */
    preview: {
      heading: string;
      caption: (sheet: string, row: number) => string;
      row: string;
    };
    /** Before the download, when the built workbook lacks parts of the original (charts, pivot tables, macros …). */
    dropped: {
      title: string;
      intro: string;
      download: string;
      back: string;
    };
    /** The page's two modes: one ledger (整理), or many units' ledgers rolled up into one workbook (汇总). */
    modes: { label: string; single: string; rollup: string };
    /** 汇总多个单位 (src/standalone/RollupPanel.tsx): several files in, one roll-up workbook out. */
    rollup: {
      intro: string;
      choose: string;
      drop: string;
      working: string;
      /** How many units were rolled up, and the date the figures refer to. */
      summary: (units: number, asOf: string) => string;
      /** The per-unit table: its caption and column headers. */
      table: string;
      columns: {
        unit: string;
        file: string;
        total: string;
        replyRate: string;
        overdue: string;
        issues: string;
      };
      /** The last row: the city total, an item several units handle counted once. */
      total: string;
      duplicates: (count: number) => string;
      failedTitle: string;
      /** No file could be rolled up: nothing to download. */
      none: string;
      download: string;
      downloadHint: string;
      /** The downloaded workbook's name, before ".xlsx". */
      fileName: string;
    };
  };
}
