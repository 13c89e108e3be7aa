// Apache Spark through Spark Connect, running our pipeline's DataFrame code unchanged: the same
// `lgdePipeline` as lgde-local/lgde-workers, with `sparkConnect(url)` as the session's executor.
import { Session } from "@lgde/core";
import { sparkConnect } from "@lgde/executor-spark-connect";
import { io } from "@lgde/io";
import type { Engine, EngineSuite } from "./engine.js";
import { lgdePipeline } from "./lgde.js";
import { SPARK_URL, sparkAnswers } from "./spark-server.js";

export const sparkEngine: Engine = {
  name: "spark",
  description: `Apache Spark 4 (local[2]) through Spark Connect at ${SPARK_URL}, our pipeline code with sparkConnect()`,
  async pipeline(f): Promise<EngineSuite> {
    if (!(await sparkAnswers(SPARK_URL))) {
      throw new Error(`no Spark Connect server answers at ${SPARK_URL}; start one with \`scripts/spark-server.sh start\` ` +
        "(needs Java 17 and Maven) or let the bench start it (drop --no-spark-server)");
    }
    const executor = sparkConnect(SPARK_URL);
    // Fails here, not in the first timed run, if the server is not a Spark Connect server.
    await executor.sparkVersion();
    const spark = Session.builder().appName("bench").timeZone("Asia/Seoul").executor(executor).use(io()).getOrCreate();
    return { cases: [{ name: "pipeline", run: () => lgdePipeline(spark, f) }], close: () => spark.stop() };
  },
};
