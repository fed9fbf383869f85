/** Copies a table for reports: HTML (shading kept in Word and PowerPoint) with plain text beside it. */
export async function browserClipboard(html: string, text: string): Promise<void> {
  const w = window as unknown as { ClipboardItem?: typeof ClipboardItem };
  if (navigator.clipboard && w.ClipboardItem) {
    await navigator.clipboard.write([
      new w.ClipboardItem({ "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }) }),
    ]);
    return;
  }
  // Office's older webviews lack the async clipboard: copy a rendered copy of the table instead.
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
  document.execCommand("copy");
  sel?.removeAllRanges();
  holder.remove();
}
