import { Field, ProgressBar } from "@fluentui/react-components";

export interface BusyBarProps {
  label: string;
  /** 0..1, or null for an indeterminate bar. */
  value: number | null;
}

/** Progress of a plan being applied, announced with its label. */
export function BusyBar({ label, value }: BusyBarProps) {
  return (
    <Field label={label} validationState="none">
      <ProgressBar aria-label={label} {...(value !== null ? { value, max: 1 } : {})} thickness="large" />
    </Field>
  );
}
