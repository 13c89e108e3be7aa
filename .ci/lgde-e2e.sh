#!/usr/bin/env bash
# The LGDE jobs end to end on the course's own sample (../shared/lgde), as issue #4 describes:
# load mysql/testdb.sql into MariaDB, run `lgde run` over both days with each executor, and compare
# the KPI JSON, the dimension Parquet and the `lgde` table with expected/*.json.
set -euo pipefail
course="$(cd "$1" && pwd)"
cd "$(dirname "$0")/.."

mysql --protocol=tcp -h 127.0.0.1 -u root < "$course/mysql/testdb.sql"
mysql --protocol=tcp -h 127.0.0.1 -u root <<'SQL'
CREATE USER IF NOT EXISTS 'sqoop'@'localhost' IDENTIFIED BY 'sqoop';
CREATE USER IF NOT EXISTS 'sqoop'@'127.0.0.1' IDENTIFIED BY 'sqoop';
GRANT ALL PRIVILEGES ON testdb.* TO 'sqoop'@'localhost';
GRANT ALL PRIVILEGES ON testdb.* TO 'sqoop'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL

for executor in local workers; do
  warehouse="$(mktemp -d)"
  echo "-- lgde run --executor $executor (default MySQL URL, the course's access.csv)"
  npx lgde run --from 20201025 --to 20201026 --first-day --executor "$executor" \
    --access-log "$course/access/access.csv" --warehouse "$warehouse" | tee "$warehouse.out"
  grep -q "lgde run 20201025..20201026" "$warehouse.out"   # the command really ran and summarised
  rm -rf "$warehouse" "$warehouse.out"
done

# Every figure and every dimension row against expected/*.json, through the test suite's checks,
# reading the SQL, the access log and the expected results from the course's folder.
LGDE_COURSE_DIR="$course" npx vitest run packages/jobs/test/e2e-mysql.test.ts packages/jobs/test/course.test.ts
