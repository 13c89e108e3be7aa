// The Spark Connect server the `spark` engine runs on: whether one answers, and starting/stopping the
// local one with scripts/spark-server.sh so that its start-up time is measured apart from the queries.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { benchRoot } from "../paths.js";

/** The server the `spark` engine uses: `SPARK_CONNECT_URL`, else the local one scripts/spark-server.sh starts. */
export const SPARK_URL = process.env["SPARK_CONNECT_URL"] ?? "sc://127.0.0.1:15002";

/** Host and port of an `sc://host:port/...` URL (default port 15002, as Spark's clients). */
function hostPort(url: string): { host: string; port: number } {
  const m = /^sc:\/\/([^/:;]+)(?::(\d+))?/.exec(url);
  if (m === null) throw new Error(`not a Spark Connect URL: ${url} (expected sc://host:port)`);
  return { host: m[1]!, port: m[2] === undefined ? 15002 : Number(m[2]) };
}

/** True when something accepts connections at the URL's host and port within 2 s. */
export function sparkAnswers(url: string = SPARK_URL): Promise<boolean> {
  const { host, port } = hostPort(url);
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    const done = (ok: boolean): void => { socket.destroy(); resolve(ok); };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

const SCRIPT = join(benchRoot(), "..", "scripts", "spark-server.sh");

/** Runs `scripts/spark-server.sh <command>`; rejects with the script's last lines when it fails. */
function script(command: "start" | "stop"): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn("bash", [SCRIPT, command], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const keep = (d: Buffer): void => { out = (out + d.toString()).slice(-2000); };
    p.stdout.on("data", keep);
    p.stderr.on("data", keep);
    p.on("error", (e) => reject(new Error(`${SCRIPT} ${command}: ${e.message}`)));
    p.on("close", (code) => code === 0 ? resolve()
      : reject(new Error(`${SCRIPT} ${command} exited with ${code}: ${out.trim().split("\n").slice(-3).join(" / ")}`)));
  });
}

/** Starts the local server (Spark 4.0.1, local[2]); resolves with the milliseconds until it answered. */
export async function startSparkServer(): Promise<number> {
  const t0 = performance.now();
  await script("start");
  return performance.now() - t0;
}

/** Stops the local server started by `startSparkServer`. */
export function stopSparkServer(): Promise<void> {
  return script("stop");
}
