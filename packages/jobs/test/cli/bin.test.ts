// The installed command: `npx lgde` runs through node_modules/.bin's symlink, which must still start the CLI.
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const run = promisify(execFile);

describe("the lgde command", () => {
  it("answers --help through node_modules/.bin (as npx runs it)", async () => {
    const { stdout } = await run(join(ROOT, "node_modules", ".bin", "lgde"), ["--help"]);
    expect(stdout).toContain("lgde — the LGDE.com daily metrics pipeline");
  });
  it("exits 2 on a bad command line", async () => {
    await expect(run(join(ROOT, "node_modules", ".bin", "lgde"), ["nope"])).rejects.toMatchObject({ code: 2 });
  });
});
