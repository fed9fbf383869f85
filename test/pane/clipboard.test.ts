import { browserClipboard, CLIPBOARD_REFUSED } from "../../src/taskpane/clipboard";

describe("copying Table 4 when the browser is unwilling", () => {
  const w = window as unknown as { ClipboardItem?: unknown };
  const doc = document as unknown as { execCommand?: (c: string) => boolean };
  afterEach(() => {
    delete w.ClipboardItem;
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    delete doc.execCommand;
  });
  const refusing = () => {
    w.ClipboardItem = class {
      constructor(readonly items: unknown) {}
    };
    Object.defineProperty(navigator, "clipboard", {
      value: { write: () => Promise.reject(new Error("NotAllowedError")) },
      configurable: true,
    });
  };

  it("falls back to copying a selected copy of the table when the async clipboard is refused", async () => {
    refusing();
    const copied: string[] = [];
    doc.execCommand = (c) => {
      copied.push(`${c}:${window.getSelection()?.toString()}`);
      return true;
    };
    await browserClipboard("<table><tr><td>Bar Hill</td></tr></table>", "Bar Hill");
    expect(copied).toEqual(["copy:Bar Hill"]);
    expect(document.body.innerHTML).toBe("");
  });

  it("says what to do instead when every way is refused", async () => {
    refusing();
    doc.execCommand = () => false;
    await expect(browserClipboard("<p>x</p>", "x")).rejects.toThrow(CLIPBOARD_REFUSED);
    expect(CLIPBOARD_REFUSED).toMatch(/“Write Table 4 sheet”/);
  });
});
