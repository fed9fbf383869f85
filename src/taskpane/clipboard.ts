/** When the browser refuses every way of copying: what the user can do instead, with controls that exist. */
export const CLIPBOARD_REFUSED =
  "The clipboard was refused by this Excel's browser. Press “Write Table 4 sheet”, select the table on that sheet and copy it with Ctrl+C (Cmd+C on a Mac).";

/** Copies a table for reports: HTML (shading kept in Word and PowerPoint) with plain text beside it. */
export async function browserClipboard(html: string, text: string): Promise<void> {
  const items = { "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }) };
  await copyItems(items, html, CLIPBOARD_REFUSED);
}

/** When the browser refuses to copy a picture: the saved file is the way round. */
export const PICTURE_REFUSED =
  "The clipboard was refused by this Excel's browser. Use “Save the map (PNG)” and insert the saved picture in your report (Insert > Pictures).";

/**
 * Copies a picture for reports: the PNG itself, and HTML holding it for programs that paste HTML;
 * by a selected copy where the async clipboard is refused, as tables are.
 */
export async function copyPicture(png: string, alt: string): Promise<void> {
  const html = `<img src="data:image/png;base64,${png}" alt="${alt.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}">`;
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  await copyItems(
    { "image/png": new Blob([bytes], { type: "image/png" }), "text/html": new Blob([html], { type: "text/html" }) },
    html,
    PICTURE_REFUSED,
  );
}

/**
 * Puts these forms of one thing on the clipboard. The async clipboard may be missing (older
 * webviews) or refused (a permission policy): the copy then goes through a selected, rendered
 * copy of `html`; if that is refused too, `refused` says what to do.
 */
async function copyItems(items: Record<string, Blob>, html: string, refused: string): Promise<void> {
  const w = window as unknown as { ClipboardItem?: typeof ClipboardItem };
  if (navigator.clipboard && w.ClipboardItem) {
    try {
      await navigator.clipboard.write([new w.ClipboardItem(items)]);
      return;
    } catch {
      // Refused: the selection below is the other way a page may copy.
    }
  }
  if (!copyBySelection(html)) throw new Error(refused);
}

function copyBySelection(html: string): boolean {
  const holder = document.createElement("div");
  holder.contentEditable = "true";
  holder.style.position = "fixed";
  holder.style.left = "-10000px";
  holder.innerHTML = html;
  document.body.appendChild(holder);
  const range = document.createRange();
  range.selectNodeContents(holder);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  sel?.removeAllRanges();
  holder.remove();
  return copied;
}
