import * as React from "react";
import { Body1, Caption1, FluentProvider, Subtitle2, Title3, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";

/* global Office */

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, backgroundColor: tokens.colorNeutralBackground3, paddingLeft: "2px", paddingRight: "2px" },
});

/** Office's theme says whether the pane should be dark. */
function prefersDark(): boolean {
  try {
    const theme = typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
    if (!theme?.bodyBackgroundColor) return false;
    const hex = theme.bodyBackgroundColor.replace("#", "");
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return 0.299 * r + 0.587 * g + 0.114 * b < 128;
  } catch {
    return false;
  }
}

export function App(): React.ReactElement {
  const styles = useStyles();
  return (
    <FluentProvider theme={prefersDark() ? webDarkTheme : webLightTheme}>
      <main className={styles.root} aria-label="CSP Risk Matrix">
        <Title3 as="h1">CSP Risk Matrix</Title3>
        <Subtitle2 as="h2">Functions in this workbook</Subtitle2>
        <Body1>
          <span className={styles.code}>=CSP.RISKFLAG(values, rule, [areas])</span> flags values that meet a rule such as &quot;&gt;=400&quot; or &quot;top 5&quot;.
        </Body1>
        <Body1>
          <span className={styles.code}>=CSP.RISKLEVEL(totals, [key])</span> turns Total Flags into Low, Medium or High.
        </Body1>
        <Body1>
          <span className={styles.code}>=CSP.HARMWEIGHT(offences, [counts], [population], [weights])</span> weighs offences by the Cambridge Crime Harm Index.
        </Body1>
        <Caption1>Nothing in this workbook is sent anywhere.</Caption1>
      </main>
    </FluentProvider>
  );
}
