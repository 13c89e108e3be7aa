// Column types of the warehouse tables (LGDE_SPEC §2, §4), as DDL strings for readers and empty frames.

/** The raw access log as read: every column a string, so bad values are classified, not lost. */
export const ACCESS_CSV_DDL = "a_time string, a_uid string, a_id string";
/** `R/access/D/` (JSON lines). */
export const ACCESS_DDL = "a_id string, a_tag string, a_time bigint, a_timestamp string, a_uid int, dt string";
/** `R/user/D/` (Parquet). */
export const USER_DDL = "u_id int, u_name string, u_gender string, u_signup int, dt string";
/** `R/purchase/D/` (Parquet). */
export const PURCHASE_DDL = "p_time string, p_uid int, p_id int, p_name string, p_amount int, dt string";
/** `R/dim_users/dt=D/` (Parquet). */
export const DIMENSION_DDL =
  "d_uid int, d_name string, d_gender string, d_acount bigint, d_pamount bigint, d_pcount bigint, d_first_purchase string, dt string";
/** The source tables as files (the demo's stand-in for MySQL). */
export const USER_SOURCE_DDL = "u_id int, u_name string, u_gender string, u_signup int";
export const PURCHASE_SOURCE_DDL = "p_time string, p_uid int, p_id int, p_name string, p_amount int";
/** The values `a_id` may take. */
export const ACCESS_EVENTS = ["login", "logout"] as const;
