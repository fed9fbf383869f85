import * as React from "react";
import { Button, Caption1 } from "@fluentui/react-components";
import type { ButtonProps } from "@fluentui/react-components";
import { useStyles } from "./styles";

export interface ActionButtonProps {
  onClick: () => void;
  children: React.ReactNode;
  appearance?: ButtonProps["appearance"];
  size?: ButtonProps["size"];
  /** A task is running: the button waits, keeping the keyboard focus it had. */
  busy?: boolean;
  /** Why the button cannot be used yet, shown beneath it and read with it; undefined when it can. */
  why?: string;
}

/**
 * A button that stays in the tab order when it cannot be used (so focus is never dropped to the
 * page when a task starts) and says why it cannot, rather than being merely grey.
 */
export function ActionButton({ busy = false, why, children, ...props }: ActionButtonProps): React.ReactElement {
  const styles = useStyles();
  const id = React.useId();
  const reason = busy ? undefined : why;
  return (
    <span className={styles.action}>
      <Button {...props} disabledFocusable={busy || !!why} aria-describedby={reason ? id : undefined}>
        {children}
      </Button>
      {reason ? (
        <Caption1 id={id} className={styles.muted}>
          {reason}
        </Caption1>
      ) : null}
    </span>
  );
}
