/**
 * Copies text. The async Clipboard API is refused in some task-pane iframes (Excel on the web without the
 * clipboard-write permission, older WebView), so fall back to a hidden textarea and execCommand("copy").
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Refused: try the fallback below.
    }
  }
  // Selecting the hidden textarea takes focus: give it back afterwards (keyboard users stay on the button).
  const previous = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const area = doc.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  doc.body.appendChild(area);
  try {
    area.focus();
    area.select();
    return typeof doc.execCommand === "function" && doc.execCommand("copy");
  } finally {
    area.remove();
    previous?.focus();
  }
}
