import { parseArgs } from "node:util";
import type { SettingsInput } from "../core/settings";

export type Command = "analyze" | "build" | "remind" | "report";

export interface CliOptions {
  command: Command;
  file: string;
  out?: string;
  json: boolean;
  settings: SettingsInput;
  /** remind: the window in days (the due-soon setting when absent) and one 承办科室 only. */
  within?: number;
  department?: string;
  /** remind: one group per 分管领导 instead of per 承办科室. */
  by?: "department" | "leader";
  /** build: add the 催办单 sheet (the notice of the items to chase, as of the build's date). */
  reminders?: boolean;
  /** build: add the 台账打印 sheet (the 督办 columns on A4 landscape, as of the build's date). */
  print?: boolean;
  /** report: last year's ledger (LAST.xlsx), compared with this one: the report gains its 回头看 paragraph. */
  compare?: string;
}

/** A command line the user got wrong: printed as usage, exit 2. */
export class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = "UsageError";
  }
}

export const USAGE = `用法 Usage:
  npm run --silent ledger -- analyze FILE.xlsx [--sheet NAME] [--today YYYY-MM-DD] [--exclude-department NAME]... [--json]
  npm run --silent ledger -- build FILE.xlsx -o OUT.xlsx [同上选项 same options] [--reminders] [--print] [--json]
  npm run --silent ledger -- remind FILE.xlsx [--today YYYY-MM-DD] [--within DAYS] [--department NAME] [--by department|leader] [--json]
  npm run --silent ledger -- report FILE.xlsx -o 汇报.docx [同上选项 same options] [--compare 上年度.xlsx] [--json]
  npm run --silent ledger -- rollup FILE.xlsx... -o 汇总.xlsx [--today YYYY-MM-DD] [--locale …] [--json]
  npm run --silent ledger -- compare 上年度.xlsx 本年度.xlsx [--today YYYY-MM-DD] [--locale …] [--json]
其他选项 More options: --org 我局  --year 2026  --deadline-months 3  --assist-months 1  --due-soon-days 7  --locale zh-CN|zh-TW|en`;

function int(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${flag} 需要一个整数：${value}`, `${flag} needs a whole number: ${value}`);
  return Number(value);
}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sheet: { type: "string" },
        today: { type: "string" },
        "exclude-department": { type: "string", multiple: true },
        json: { type: "boolean", default: false },
        out: { type: "string", short: "o" },
        org: { type: "string" },
        year: { type: "string" },
        "deadline-months": { type: "string" },
        "assist-months": { type: "string" },
        "due-soon-days": { type: "string" },
        reminders: { type: "boolean", default: false },
        print: { type: "boolean", default: false },
        locale: { type: "string" },
        within: { type: "string" },
        department: { type: "string" },
        by: { type: "string" },
        compare: { type: "string" },
      },
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UsageError(`无法识别的参数：${detail}`, `Unrecognised arguments: ${detail}`);
  }
  const { values, positionals } = parsed;
  const [command, file, ...rest] = positionals;
  if (command !== "analyze" && command !== "build" && command !== "remind" && command !== "report") {
    throw new UsageError(`未知命令：${command ?? "(无)"}`, `Unknown command: ${command ?? "(none)"}`);
  }
  if (!file) throw new UsageError("缺少要读取的 .xlsx 文件", "Missing the .xlsx file to read");
  if (rest.length > 0)
    throw new UsageError(`多余的参数：${rest.join(" ")}`, `Extra arguments: ${rest.join(" ")}`);
  if (command === "build" && !values.out)
    throw new UsageError("build 需要 -o OUT.xlsx", "build needs -o OUT.xlsx");
  if (command === "report" && !values.out)
    throw new UsageError("report 需要 -o 汇报.docx", "report needs -o REPORT.docx");
  if (command === "report" && !/\.docx$/i.test(values.out ?? "")) {
    throw new UsageError(
      `report 只写 Word 文档，-o 的文件名应以 .docx 结尾：${values.out ?? ""}`,
      `report writes a Word document only: the -o file name must end in .docx: ${values.out ?? ""}`,
    );
  }
  if (values.compare !== undefined && command !== "report")
    throw new UsageError("--compare 只用于 report", "--compare is for report only");
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    throw new UsageError(
      `--today 应写成 YYYY-MM-DD：${values.today}`,
      `--today must be YYYY-MM-DD: ${values.today}`,
    );
  }
  const locale = values.locale;
  if (locale !== undefined && locale !== "zh-CN" && locale !== "zh-TW" && locale !== "en") {
    throw new UsageError(`--locale 只能是 zh-CN、zh-TW 或 en`, `--locale must be zh-CN, zh-TW or en`);
  }
  const settings: SettingsInput = {};
  if (values.sheet !== undefined) settings.sheet = values.sheet;
  if (values.today !== undefined) settings.asOf = values.today;
  if (values["exclude-department"]) settings.excludeDepartments = values["exclude-department"];
  if (values.org !== undefined) settings.organisation = values.org;
  const year = int(values.year, "--year");
  if (year !== undefined) settings.year = year;
  const months = int(values["deadline-months"], "--deadline-months");
  if (months !== undefined) settings.deadlineMonths = months;
  const assist = int(values["assist-months"], "--assist-months");
  if (assist !== undefined) settings.assistDeadlineMonths = assist;
  const soon = int(values["due-soon-days"], "--due-soon-days");
  if (soon !== undefined) settings.dueSoonDays = soon;
  if (locale !== undefined) settings.locale = locale;
  const within = int(values.within, "--within");
  const by = values.by;
  if (by !== undefined && by !== "department" && by !== "leader")
    throw new UsageError("--by 只能是 department 或 leader", "--by must be department or leader");
  return {
    command,
    file,
    ...(within !== undefined ? { within } : {}),
    ...(values.department !== undefined ? { department: values.department } : {}),
    ...(by !== undefined ? { by } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.reminders === true ? { reminders: true } : {}),
    ...(values.print === true ? { print: true } : {}),
    ...(values.compare !== undefined ? { compare: values.compare } : {}),
    json: values.json ?? false,
    settings,
  };
}
