// Help texts of `lgde` and its subcommands.
import { SERVE_HELP } from "../serve/help.js";

const COMMON = `
      --warehouse DIR      warehouse root R (default /tmp/target)
      --tz ZONE            service time zone, IANA name (default Asia/Seoul)
      --executor NAME      local (default), workers (worker threads) or spark (Spark Connect at
                           $LGDE_SPARK_URL, default sc://127.0.0.1:15002; file sources only)
      --mysql URL          MySQL/MariaDB with the day tables and the lgde table
                           (default $LGDE_MYSQL_URL, else mysql://sqoop:sqoop@127.0.0.1:3306/testdb)
      --tables DIR         read user_D / purchase_D from files in DIR instead of MySQL
                           (DIR/user_D.parquet or .csv; no metrics are served to MySQL)
      --tables-format F    parquet (default) or csv, with --tables
      --user-table T       customer table template (default user_{D})
      --purchase-table T   sales table template (default purchase_{D})
  -h, --help               show this help`;

export const HELP: Readonly<Record<"main" | "ingest" | "metrics" | "run" | "serve" | "demo", string>> = {
  serve: SERVE_HELP,
  main: `lgde — the LGDE.com daily metrics pipeline

Usage:
  lgde ingest  --date D  [options]              copy day D's customers, sales and access log into the warehouse
  lgde metrics --date D  [--first-day] [options] compute day D's metrics and user dimension, and serve them
  lgde run     --from D1 --to D2 [--first-day] [options]
                                                ingest + metrics for each day, in date order
  lgde serve   [--warehouse DIR] [--mysql URL] [--port 8080] [--host 127.0.0.1]
                                                serve the metrics: a JSON API and a dashboard page
  lgde demo    [--days N] [--users N] [--dir DIR]
                                                the whole pipeline on a generated shop, no server needed

Days are written yyyyMMdd (e.g. 20201025). Run \`lgde <command> --help\` for a command's options.
Exit codes: 0 success, 1 the job failed, 2 bad command line.
`,
  ingest: `Usage: lgde ingest --date D [options]

Copies day D into the warehouse, replacing each partition atomically (a re-run writes the same files):
  R/user/D/            customers (Parquet) from table user_D
  R/purchase/D/        sales (Parquet) from table purchase_D
  R/access/D/          day D's access lines, de-duplicated (JSON lines)
  R/access_rejects/D/  day D's bad lines with their line number and reason (JSON lines)

Options:
      --date D             the day, yyyyMMdd (required)
      --access-log FILE    the access log CSV (default $LGDE_ACCESS_LOG, else /tmp/fluentd/csv/access.csv)${COMMON}
`,
  metrics: `Usage: lgde metrics --date D [--first-day] [options]

Computes day D's DAU, PU, DR, ARPU, ARPPU, DAAT, DNU, DFPU, AR, USERS and LTV from the ingested
partitions and yesterday's user dimension; writes R/dim_users/dt=D/ (Parquet) and R/kpi/dt=D/ (JSON),
and upserts day D's row of table lgde in MySQL (not with --tables).

Options:
      --date D             the day, yyyyMMdd (required)
      --first-day          D is the first day of service (there is no yesterday's dimension)${COMMON}
`,
  run: `Usage: lgde run --from D1 --to D2 [--first-day] [options]

Runs ingest then metrics for every day from D1 to D2 (both included), in date order.

Options:
      --from D1            first day, yyyyMMdd (required)
      --to D2              last day, yyyyMMdd (required)
      --first-day          D1 is the first day of service
      --access-log FILE    the access log CSV (default $LGDE_ACCESS_LOG, else /tmp/fluentd/csv/access.csv)${COMMON}
`,
  demo: `Usage: lgde demo [--days N] [--users N] [--dir DIR]

Generates a shop (customers signing up over the days, sessions, purchases, duplicate and malformed
log lines) as files standing in for the MySQL tables, runs the whole pipeline without any server
and prints every day's metrics.

Options:
      --days N             number of days (default 7)
      --users N            number of customers (default 200)
      --dir DIR            folder for the shop and its warehouse (default: a new temporary folder)
      --seed N             seed of the generator (default 20201025)
      --tz ZONE            service time zone (default Asia/Seoul)
      --executor NAME      local (default), workers (worker threads) or spark (Spark Connect at
                           $LGDE_SPARK_URL, default sc://127.0.0.1:15002; file sources only)
  -h, --help               show this help
`,
};
