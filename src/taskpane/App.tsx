import * as React from "react";
import {
  AriaLiveAnnouncer,
  Button,
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Title3,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { WorkbookActions } from "../common/workbookPort";
import type { BuildViewProps } from "./BuildView";
import { BuildView } from "./BuildView";
import { CheckView } from "./CheckView";
import type { Checker } from "./workerClient";
import { CheckWorker } from "./workerClient";
import { HarmView } from "./HarmView";
import { useStyles } from "./styles";
import { prefersDark } from "./theme";
import { useOpenWorkbook } from "./useOpenWorkbook";
import { startupProblem } from "./startup";

type View = "check" | "build" | "harm";

const VIEWS: [View, string][] = [
  ["check", "Check a return"],
  ["build", "Table 4"],
  ["harm", "Harm"],
];

export interface AppProps {
  actions?: WorkbookActions;
  /** Reads files and checks returns off the pane's thread. */
  checker?: Checker;
  clipboard?: BuildViewProps["clipboard"];
  dark?: boolean;
  /** Why the pane cannot work on a workbook (see startup.ts). */
  unavailable?: string;
}

export function App({ actions, checker: given, clipboard, dark = prefersDark(), unavailable }: AppProps): React.ReactElement {
  const styles = useStyles();
  const checker = React.useMemo(() => given ?? new CheckWorker(), [given]);
  const [view, setView] = React.useState<View>("check");
  const [visited, setVisited] = React.useState<ReadonlySet<View>>(() => new Set(["check"]));
  const choose = (v: View) => {
    setView(v);
    setVisited((seen) => (seen.has(v) ? seen : new Set([...seen, v])));
  };
  const { sheets, settings, error, refresh, saveSettings } = useOpenWorkbook(actions);
  // Without Excel, why; with it, a failure to read the workbook.
  const notice = actions ? error : (unavailable ?? startupProblem({ officeLoaded: false, openedByOffice: false }));

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <AriaLiveAnnouncer>
        <main className={styles.pane} aria-label="CSP Risk Matrix">
          <div className={styles.row}>
            <Title3 as="h1" className={styles.grow}>
              CSP Risk Matrix
            </Title3>
            <Button size="small" onClick={refresh} disabled={!actions} aria-label="Refresh the list of sheets">
              Refresh
            </Button>
          </div>
          {notice ? (
            <MessageBar layout="multiline" intent={actions ? "error" : "warning"}>
              <MessageBarBody className={styles.wrap}>{notice}</MessageBarBody>
            </MessageBar>
          ) : null}
          <TabList selectedValue={view} onTabSelect={(_, d) => choose(d.value as View)} aria-label="What to do" size="small">
            {VIEWS.map(([value, label]) => (
              <Tab key={value} value={value} id={`tab-${value}`} aria-controls={`panel-${value}`}>
                {label}
              </Tab>
            ))}
          </TabList>
          {actions && (!sheets || !settings) ? <Spinner size="tiny" label="Reading the workbook…" /> : null}
          {actions && sheets && settings
            ? VIEWS.filter(([v]) => visited.has(v)).map(([v]) => (
                // A view once opened stays mounted, hidden when another tab is chosen, so its results and choices survive the
                // switch; hidden by style too, as the panel's class sets a display that would show it.
                <div
                  key={v}
                  role="tabpanel"
                  id={`panel-${v}`}
                  aria-labelledby={`tab-${v}`}
                  className={styles.section}
                  hidden={v !== view}
                  style={v === view ? undefined : { display: "none" }}
                >
                  {v === "check" ? (
                    <CheckView actions={actions} checker={checker} sheets={sheets} settings={settings} />
                  ) : v === "build" ? (
                    <BuildView
                      actions={actions}
                      checker={checker}
                      sheets={sheets}
                      settings={settings}
                      onSettingsChange={saveSettings}
                      onSheetsChanged={refresh}
                      clipboard={clipboard}
                    />
                  ) : (
                    <HarmView actions={actions} sheets={sheets} />
                  )}
                </div>
              ))
            : null}
          <Caption1 className={styles.muted}>Nothing in this workbook is sent anywhere.</Caption1>
        </main>
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}
