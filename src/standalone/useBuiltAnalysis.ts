import { useEffect, useState } from "react";
import { analyzeWorkbook, type Analysis } from "../core/analyze";
import type { Locale } from "../core/fields";
import type { FileHost } from "./fileHost";

/**
 * The engine's reading of the file as it stands (with what the pane has written into it): the page's
 * summary above the pane. Re-read after every plan the pane renders.
 */
export function useBuiltAnalysis(host: FileHost | null, locale: Locale): Analysis | null {
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  useEffect(() => {
    if (!host) return;
    let live = true;
    const read = () => {
      host.snapshot().then(
        (snapshot) => {
          const outcome = analyzeWorkbook(snapshot, { locale });
          if (live) setAnalysis(outcome.ok ? outcome.analysis : null);
        },
        // The pane shows the host's errors; the summary just stays empty.
        () => live && setAnalysis(null),
      );
    };
    read();
    const off = host.onChange(read);
    return () => {
      live = false;
      setAnalysis(null);
      off();
    };
  }, [host, locale]);
  return analysis;
}
