import { openedByOffice, startupProblem } from "../../src/taskpane/startup";

describe("why the pane cannot start, in its own words", () => {
  it("tells office.js blocked inside Office from a page opened outside it", () => {
    expect(openedByOffice("?_host_Info=Excel$Win32$16.01$en-GB$$$$0", false)).toBe(true);
    expect(openedByOffice("", true)).toBe(true);
    expect(openedByOffice("", false)).toBe(false);
    expect(startupProblem({ officeLoaded: false, openedByOffice: true })).toMatch(/appsforoffice.*proxy or firewall/);
    expect(startupProblem({ officeLoaded: false, openedByOffice: false })).toMatch(/^Open this pane from Excel/);
  });
  it("says when Excel is silent or the host is not Excel, and nothing once Excel answers", () => {
    expect(startupProblem({ officeLoaded: true, openedByOffice: true, silent: true })).toMatch(/has not answered/);
    expect(startupProblem({ officeLoaded: true, openedByOffice: true, host: "Word" })).toMatch(/Excel only; it was opened in Word/);
    expect(startupProblem({ officeLoaded: true, openedByOffice: true, host: "Excel", silent: true })).toBeUndefined();
  });
});
