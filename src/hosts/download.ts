/**
 * Saving a file the tool made, in a browser: a temporary link with the `download` attribute (no server, no
 * upload). The standalone page always can; an Office task pane only where its webview lets it (canSaveFiles).
 */

/** Offers a file through a temporary link with the `download` attribute. */
export function saveWithLink(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is ample for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Whether a task pane on this Office platform can save a file through a link: Excel on the web can (its frame
 * allows downloads since 2020) and Windows desktop with the WebView2 (Edge) webview can; the old IE webview has no
 * `download` attribute, and on the Mac the pane's WebKit view drops such downloads without a word (Microsoft:
 * by design), so the pane offers no download there and the page or the command line makes the file instead.
 */
export function canSaveFiles(platform: string | undefined, hasDownloadAttribute: boolean): boolean {
  if (platform === "OfficeOnline") return true;
  if (platform === "PC") return hasDownloadAttribute;
  return false;
}

/** Whether links here know the `download` attribute (false in the old IE webview and outside a browser). */
export function linkCanDownload(): boolean {
  return typeof HTMLAnchorElement !== "undefined" && "download" in HTMLAnchorElement.prototype;
}
