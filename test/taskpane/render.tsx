import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { createDemoHost, type DemoHost, type DemoHostOptions } from "../../src/taskpane/demoHost";
import { demoSnapshot } from "../../src/taskpane/demoData";
import type { Locale } from "../../src/core/fields";
import type { LedgerHost } from "../../src/hosts/host";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import type { AnalysisState } from "../../src/taskpane/useLedger";

/** The as-of date of the demo ledger's figures: one item overdue (due 06-10), one due soon (07-01). */
export const AS_OF = "2024-06-28";

export interface Rendered {
  host: DemoHost;
  user: ReturnType<typeof userEvent.setup>;
}

/** Renders the pane over an in-memory host holding the demo ledger, with spies on the host's methods. */
export function renderApp(
  options: {
    locale?: Locale;
    host?: LedgerHost;
    snapshot?: WorkbookSnapshot;
    onAnalysisChange?: (state: AnalysisState) => void;
    /** Another as-of date than AS_OF. */
    asOf?: string;
  } & DemoHostOptions = {},
): Rendered {
  const host = createDemoHost(options.snapshot ?? demoSnapshot(), options);
  jest.spyOn(host, "apply");
  jest.spyOn(host, "select");
  jest.spyOn(host, "snapshot");
  // jsdom has no object URLs: the .docx the pane saves is caught here.
  if (host.saveFile) jest.spyOn(host, "saveFile").mockImplementation(() => undefined);
  const user = userEvent.setup();
  render(
    <App
      host={options.host ?? host}
      locale={options.locale ?? "zh-CN"}
      initialSettings={{ asOf: options.asOf ?? AS_OF }}
      {...(options.onAnalysisChange ? { onAnalysisChange: options.onAnalysisChange } : {})}
    />,
  );
  return { host, user };
}
