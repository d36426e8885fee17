import { parseRange, type Area } from "../../src/core/address";

/** "A3:C4" or "B2" → its 0-based area (core address.ts); a bad address fails the test. */
export function areaOf(ref: string): Area {
  const area = parseRange(ref);
  if (!area) throw new Error(`bad A1 range ${ref}`);
  return area;
}
