/*
 * Thresholds that fit the district: another district's criteria never pass South Cambridgeshire's
 * numbers off as their own, and given the district's returns each count threshold is proposed from
 * its own ward figures, with the distribution behind it.
 */
import * as fs from "fs";
import * as path from "path";
import { DEMO, ONS_LOOKUP } from "../helpers/publicData";
import { run, tempDir, writeCambridgeLookup } from "./helpers";
import { topShareThreshold } from "../../src/app/proposeThresholds";

describe("thresholds for a district", () => {
  it("says which thresholds are still South Cambridgeshire's in another district's standard criteria", async () => {
    const lookup = writeCambridgeLookup(tempDir());
    const r = await run("criteria", "--district", "Cambridge", "--lookup", lookup, "--end", "2025-09");
    const spec = JSON.parse(r.stdout);
    const byId = (id: string) => spec.columns.find((c: { id: string }) => c.id === id).criterion as string;
    expect(byId("crime")).toMatch(/; 400\+ is South Cambridgeshire's 2020 threshold, not yet set for Cambridge$/);
    expect(byId("benefits")).not.toMatch(/South Cambridgeshire/);
    expect(byId("imd")).not.toMatch(/South Cambridgeshire/);
  });

  it("proposes each count threshold from the district's own ward figures: the top fifth of its wards", async () => {
    const out = path.join(tempDir(), "criteria.json");
    const r = await run("criteria", "--district", "South Cambridgeshire", "--lookup", ONS_LOOKUP, "--end", "2019-10", DEMO, "--out", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Police recorded crime: >=378 flags 6 of 26 wards \(the top fifth\); ward figures from 89 to 697/);
    expect(r.stderr).toMatch(/Benefits: top 5 kept \(its rule is relative/);
    const spec = JSON.parse(fs.readFileSync(out, "utf8"));
    const crime = spec.columns.find((c: { id: string }) => c.id === "crime");
    expect(crime.rule).toBe(">=378");
    expect(crime.criterion).toBe(
      "Highest number of offences (378+) between November 2018 and October 2019; threshold set at the top fifth of South Cambridgeshire's 26 wards",
    );
    // Built with the proposed criteria, the crime column flags the six wards it says.
    const built = JSON.parse((await run("build", DEMO, "--lookup", ONS_LOOKUP, "--criteria", out, "--allow-partial", "--json")).stdout);
    expect(built.wards.filter((w: { flags: { crime: boolean } }) => w.flags.crime)).toHaveLength(6);
  });

  it("takes the figure at the top fifth, every ward tied with it included, and never 0", () => {
    expect(topShareThreshold([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(topShareThreshold([5, 5, 5, 1])).toBe(5);
    expect(topShareThreshold([0, 0, 0])).toBe(1);
  });
});
