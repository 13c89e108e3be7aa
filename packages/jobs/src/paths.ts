// The warehouse layout of LGDE_SPEC §2–§5, in one place.
import { join } from "node:path";

export const paths = {
  user: (root: string, day: string): string => join(root, "user", day),
  purchase: (root: string, day: string): string => join(root, "purchase", day),
  access: (root: string, day: string): string => join(root, "access", day),
  accessRejects: (root: string, day: string): string => join(root, "access_rejects", day),
  dimension: (root: string, day: string): string => join(root, "dim_users", `dt=${day}`),
  kpi: (root: string, day: string): string => join(root, "kpi", `dt=${day}`),
} as const;
