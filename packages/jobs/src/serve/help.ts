// Help text of `lgde serve`.

/** The help text of `lgde serve`, printed by `lgde serve --help`. */
export const SERVE_HELP = `Usage: lgde serve [--warehouse DIR] [--mysql URL] [--port 8080] [--host 127.0.0.1]

Serves the daily metrics over HTTP: a dashboard page and a JSON API. The metrics are read from
the MySQL table lgde when the database answers (within 2 s at startup), else from the warehouse's
R/kpi/dt=D/ JSON files; the log says which. The user dimension is read from R/dim_users/dt=D/.

  GET /                                   dashboard: latest figures, one chart per metric, table of days
  GET /api/metrics[?from=D1&to=D2]        daily metrics in date order (days yyyyMMdd, both included)
  GET /api/metrics/D                      one day's metrics (404 if the day has none)
  GET /api/dimension/D[?limit=N&offset=M] the user dimension of day D ordered by d_uid,
                                          paged (limit 1..1000, default 100; offset default 0)

Options:
      --warehouse DIR      warehouse root R (default /tmp/target)
      --mysql URL          database holding table lgde, mysql://user:password@host:port/database
                           (default $LGDE_MYSQL_URL, else mysql://sqoop:sqoop@127.0.0.1:3306/testdb)
      --port N             TCP port (default 8080; 0 picks a free port)
      --host ADDR          address to listen on (default 127.0.0.1, this machine only)
  -h, --help               show this help
`;
