// Plan node factories, one file per kind.
export { Scan } from "./scan.js";
export { Values } from "./values.js";
export { Project } from "./project.js";
export { Filter } from "./filter.js";
export { Aggregate } from "./aggregate.js";
export { Join, joinSchema } from "./join.js";
export { Distinct } from "./distinct.js";
export { Union } from "./union.js";
export { Except } from "./except.js";
export { Sort } from "./sort.js";
export { Limit } from "./limit.js";
