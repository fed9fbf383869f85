import * as React from "react";
import { ActionButton } from "./ActionButton";
import type { ActionButtonProps } from "./ActionButton";

export interface FileButtonProps extends Omit<ActionButtonProps, "onClick"> {
  /** The file input's accessible name (tests and assistive technology choose files through it). */
  inputLabel: string;
  accept: string;
  onFile: (file: File) => void;
}

/**
 * A button that opens the browser's file chooser: the file is read where the page runs, never
 * uploaded. The same file can be chosen again (the input forgets it once handed over).
 */
export function FileButton({ inputLabel, accept, onFile, ...button }: FileButtonProps): React.ReactElement {
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        aria-label={inputLabel}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onFile(file);
        }}
      />
      <ActionButton {...button} onClick={() => input.current?.click()} />
    </>
  );
}
