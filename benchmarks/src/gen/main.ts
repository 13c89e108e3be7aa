// `node benchmarks/dist/gen/main.js --size small [--seed 42] [--dir benchmarks/data/small]`: generates (or reuses) a shop.
import { join } from "node:path";
import { ensureShop } from "./generate.js";
import { dataRoot } from "../paths.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1]! : dflt; };
const size = opt("size", "tiny");
await ensureShop(opt("dir", join(dataRoot(), size)), size, Number(opt("seed", "42")), (s) => console.error(s));
