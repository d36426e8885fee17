import { areaSize, parseAreas as areasOf, parseRange as rangeOf, type Area } from "../../core/address";

/** A rectangle, 0-based and inclusive, like the core's MergedArea. */
export type Rect = Area;

/**
 * Parses "A3:V120", "$B$2" or "Sheet!A1:B2" (the sheet part is ignored) into a 0-based rectangle (core
 * address.ts); an address Office.js could not have given throws.
 */
export function parseRange(address: string): Rect {
  const area = rangeOf(address);
  if (!area) throw new Error(`Not an A1 range address: ${address}`);
  return area;
}

/**
 * Splits a RangeAreas address ("Sheet1!A1:B2,Sheet1!D4:E5", sheet names possibly quoted and containing
 * commas) into rectangles.
 */
export function parseAreas(address: string): Rect[] {
  const areas = areasOf(address);
  if (!areas) throw new Error(`Not an A1 range address: ${address}`);
  return areas;
}

/** Number of rows and columns of a rectangle. */
export const sizeOf = areaSize;
