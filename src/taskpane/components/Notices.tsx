import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { Locale } from "../../core/fields";
import { strings } from "../../i18n";
import { errorMessage, type LedgerError } from "../errors";
import type { HostFeature } from "../../hosts/host";
import type { Done } from "../useLedger";
import { renderIssue } from "../../i18n/issues";

export interface NoticesProps {
  locale: Locale;
  error: LedgerError | null;
  skipped: HostFeature[];
  done: Done | null;
  onDismissDone(): void;
}

/** The pane's messages: an error, what the host skipped, and what just finished. */
export function Notices({ locale, error, skipped, done, onDismissDone }: NoticesProps) {
  const s = strings(locale);
  const separator = locale === "en" ? ", " : "、";
  return (
    <>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{s.errors.title}</MessageBarTitle>
            {errorMessage(error, locale)}
          </MessageBarBody>
        </MessageBar>
      )}
      {skipped.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {s.notices.skipped(skipped.map((f) => s.notices.features[f]).join(separator))}
          </MessageBarBody>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{doneMessage(done, locale)}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" size="small" onClick={onDismissDone}>
              {s.notices.dismiss}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {done?.notices?.map((issue, i) => (
        <MessageBar key={i} intent="warning" role="status">
          <MessageBarBody>{renderIssue(issue, locale)}</MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}

function doneMessage(done: Done, locale: Locale): string {
  const s = strings(locale);
  switch (done.task) {
    case "structure":
      return s.structure.done(done.backups ?? []);
    case "statistics":
      return s.report.done;
    case "settings":
      return s.settings.saved;
    case "reminders":
      return s.remind.done;
    case "print":
      return s.report.printDone;
  }
}
