/**
 * The headless Chromium that the browser tests and the bench's time-to-interactive both drive:
 * Debian's (or CHROMIUM_PATH), a pane-sized window, and nothing fetched of its own accord.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const HEADLESS_CHROMIUM = {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 320, height: 900 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
