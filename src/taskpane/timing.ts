/**
 * A User Timing mark (devtools shows them; `npm run bench -- page` reads them) where the page has them; nothing
 * where it does not (jsdom, an old webview): timing never stops the pane.
 */
export function mark(name: string): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(name);
}
