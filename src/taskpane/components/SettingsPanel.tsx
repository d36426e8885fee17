import { useState, type FormEvent } from "react";
import { Button, Field, Input, Select, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { Settings, SettingsInput } from "../../core/settings";
import type { Locale } from "../../core/fields";
import { strings } from "../../i18n";
import { useEngine } from "../useEngine";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

type Scheme = Settings["resultScheme"];
const SCHEMES: readonly Scheme[] = ["ABC", "ABCD", "jiayibing"];

/** The form as typed: every value a string until it is saved. */
interface Draft {
  organisation: string;
  year: string;
  asOf: string;
  deadlineMonths: string;
  /** Blank: 协办/会办 follow the main rule. */
  assistDeadlineMonths: string;
  dueSoonDays: string;
  excludeDepartments: string;
  resultScheme: Scheme;
}

type DraftKey = keyof Draft;

export interface SettingsPanelProps {
  locale: Locale;
  /** The settings in force (stored ones with the user's changes). */
  settings: Settings;
  busy: boolean;
  onSave(changes: SettingsInput): void;
}

function draftOf(settings: Settings): Draft {
  return {
    organisation: settings.organisation,
    year: settings.year === undefined ? "" : String(settings.year),
    asOf: settings.asOf ?? "",
    deadlineMonths: String(settings.deadlineMonths),
    assistDeadlineMonths:
      settings.assistDeadlineMonths === undefined ? "" : String(settings.assistDeadlineMonths),
    dueSoonDays: String(settings.dueSoonDays),
    excludeDepartments: settings.excludeDepartments.join("\n"),
    resultScheme: settings.resultScheme,
  };
}

function inputOf(draft: Draft): SettingsInput {
  const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));
  return {
    organisation: draft.organisation.trim(),
    year: draft.year.trim() === "" ? undefined : number(draft.year),
    asOf: draft.asOf === "" ? undefined : draft.asOf,
    deadlineMonths: number(draft.deadlineMonths),
    assistDeadlineMonths:
      draft.assistDeadlineMonths.trim() === "" ? undefined : number(draft.assistDeadlineMonths),
    dueSoonDays: number(draft.dueSoonDays),
    excludeDepartments: draft.excludeDepartments
      .split(/[\n,，、;；]/)
      .map((d) => d.trim())
      .filter((d) => d !== ""),
    resultScheme: draft.resultScheme,
  };
}

/** 设置: the rule settings, checked with the engine's schema and saved in the workbook's settings sheet. */
export function SettingsPanel({ locale, settings, busy, onSave }: SettingsPanelProps) {
  const s = strings(locale).settings;
  const styles = useStyles();
  const { SettingsSchema } = useEngine();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const set = (key: DraftKey) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const message = (key: DraftKey) => (invalid.has(key) ? s.invalid : null);
  const state = (key: DraftKey) => (invalid.has(key) ? "error" : "none");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes = inputOf(draft);
    const checked = SettingsSchema.safeParse(changes);
    if (!checked.success) {
      setInvalid(new Set(checked.error.issues.map((i) => String(i.path[0]))));
      return;
    }
    setInvalid(new Set());
    onSave(changes);
  };

  return (
    <form className={styles.root} aria-label={s.heading} onSubmit={submit} noValidate>
      <Field
        label={s.organisation}
        validationMessage={message("organisation")}
        validationState={state("organisation")}
      >
        <Input value={draft.organisation} onChange={(_, d) => set("organisation")(d.value)} />
      </Field>
      <Field
        label={s.year}
        hint={s.yearHint}
        validationMessage={message("year")}
        validationState={state("year")}
      >
        <Input type="number" value={draft.year} onChange={(_, d) => set("year")(d.value)} />
      </Field>
      <Field
        label={s.asOf}
        hint={s.asOfHint}
        validationMessage={message("asOf")}
        validationState={state("asOf")}
      >
        <Input type="date" value={draft.asOf} onChange={(_, d) => set("asOf")(d.value)} />
      </Field>
      <Field
        label={s.deadlineMonths}
        validationMessage={message("deadlineMonths")}
        validationState={state("deadlineMonths")}
      >
        <Input
          type="number"
          value={draft.deadlineMonths}
          onChange={(_, d) => set("deadlineMonths")(d.value)}
        />
      </Field>
      <Field
        label={s.assistDeadlineMonths}
        validationMessage={message("assistDeadlineMonths")}
        validationState={state("assistDeadlineMonths")}
      >
        <Input
          type="number"
          value={draft.assistDeadlineMonths}
          onChange={(_, d) => set("assistDeadlineMonths")(d.value)}
        />
      </Field>
      <Field
        label={s.dueSoonDays}
        validationMessage={message("dueSoonDays")}
        validationState={state("dueSoonDays")}
      >
        <Input type="number" value={draft.dueSoonDays} onChange={(_, d) => set("dueSoonDays")(d.value)} />
      </Field>
      <Field label={s.excludeDepartments} hint={s.excludeHint}>
        <Textarea
          value={draft.excludeDepartments}
          onChange={(_, d) => set("excludeDepartments")(d.value)}
          resize="vertical"
        />
      </Field>
      <Field label={s.resultScheme}>
        <Select
          value={draft.resultScheme}
          onChange={(_, d) => setDraft((prev) => ({ ...prev, resultScheme: d.value as Scheme }))}
        >
          {SCHEMES.map((scheme) => (
            <option key={scheme} value={scheme}>
              {s.schemes[scheme]}
            </option>
          ))}
        </Select>
      </Field>
      <Button appearance="primary" type="submit" disabled={busy}>
        {busy ? s.saving : s.save}
      </Button>
    </form>
  );
}
