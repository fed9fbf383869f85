import * as React from "react";
import { Button, Caption1, Field, MessageBar, MessageBarBody, ProgressBar, useAnnounce } from "@fluentui/react-components";
import type { Task } from "./useTask";
import { useStyles } from "./styles";

/** A task's progress bar (with Cancel when it can be cancelled) and its last message. */
export function TaskStatus({ task, cancellable = false }: { task: Task; cancellable?: boolean }): React.ReactElement {
  const styles = useStyles();
  const { announce } = useAnnounce();
  const text = task.message?.text;
  // Read out by screen readers as it appears, wherever focus is (Fluent's live-region announcer).
  React.useEffect(() => {
    if (text) announce(text, { polite: task.message?.intent !== "error" });
  }, [text, announce, task.message?.intent]);
  return (
    <>
      {task.busy !== undefined ? (
        <div className={styles.row}>
          <Field
            className={styles.grow}
            validationMessage={task.fraction === undefined ? task.busy : `${task.busy} ${Math.round(task.fraction * 100)}%`}
            validationState="none"
          >
            <ProgressBar value={task.fraction} aria-label={task.busy} />
          </Field>
          {cancellable ? <Button onClick={task.cancel}>Cancel</Button> : null}
        </div>
      ) : null}
      {task.message ? (
        <MessageBar layout="multiline" intent={task.message.intent}>
          <MessageBarBody className={styles.wrap}>
            {task.message.text}
            {task.message.details ? (
              <>
                <br />
                <Caption1 className={styles.muted}>{task.message.details}</Caption1>
              </>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
