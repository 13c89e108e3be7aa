// Gate for the tests that need a real Spark Connect server. Under CI=true they must run: a missing
// server fails them. Elsewhere (a laptop without Java) they skip with a line saying how to run them.
import { connect } from "node:net";
import { describe } from "vitest";
import { parseSparkConnectUrl } from "@lgde/executor-spark-connect";

/** The server the tests use (scripts/spark-server.sh starts one here). */
export const SPARK_URL = process.env["SPARK_CONNECT_URL"] ?? "sc://127.0.0.1:15002";

function answers(url: string): Promise<boolean> {
  const { host, port } = parseSparkConnectUrl(url);
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

const HOW = "start one with `scripts/spark-server.sh start` (needs Java 17 and Maven), then `npx vitest run packages/executor-spark-connect`";

export const sparkUp = await answers(SPARK_URL);
if (!sparkUp) {
  if (process.env["CI"] === "true") {
    throw new Error(`CI=true and no Spark Connect server answers at ${SPARK_URL}: the Spark tests must run (.ci/spark.sh starts the server); ${HOW}`);
  }
  console.log(`Spark Connect tests skipped: no server at ${SPARK_URL}; ${HOW}`);
}

/** `describe` when a server answers, else `describe.skip`. */
export const describeSpark = sparkUp ? describe : describe.skip;
