import {
  a1,
  absoluteA1,
  areaA1,
  areaSize,
  columnIndex,
  columnLetter,
  parseAreas,
  parseCell,
  parseColumn,
  parseRange,
  type Area,
} from "../../src/core/address";

describe("columns", () => {
  it.each<[number, string]>([
    [0, "A"],
    [1, "B"],
    [25, "Z"],
    [26, "AA"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
    [16383, "XFD"],
  ])("%i ↔ %s", (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
    expect(parseColumn(letters)).toBe(index);
  });

  it.each(["", "a", "A1", "AAAA", " B", "Ä"])("parseColumn(%j) is null", (text) => {
    expect(parseColumn(text)).toBeNull();
  });
});

describe("cells", () => {
  it.each<[string, number, number]>([
    ["A1", 0, 0],
    ["B12", 11, 1],
    ["Z100", 99, 25],
    ["AA1", 0, 26],
    ["XFD1048576", 1048575, 16383],
  ])("%s ↔ row %i, col %i", (ref, row, col) => {
    expect(parseCell(ref)).toEqual({ row, col });
    expect(a1(row, col)).toBe(ref);
  });

  it.each<[string, number, number]>([
    ["$B$12", 11, 1],
    ["$B12", 11, 1],
    ["B$12", 11, 1],
  ])("%s ignores $", (ref, row, col) => {
    expect(parseCell(ref)).toEqual({ row, col });
  });

  it.each(["", "B", "12", "B0", "B01", "b12", "B12:C3", "AAAA1", "B 12", "Sheet1!B12"])(
    "parseCell(%j) is null",
    (ref) => {
      expect(parseCell(ref)).toBeNull();
    },
  );
});

describe("ranges", () => {
  const area = (top: number, left: number, bottom: number, right: number): Area => ({
    top,
    left,
    bottom,
    right,
  });

  it.each<[string, Area]>([
    ["A1:C3", area(0, 0, 2, 2)],
    ["B2", area(1, 1, 1, 1)],
    ["C3:A1", area(0, 0, 2, 2)],
    ["A3:A1", area(0, 0, 2, 0)],
    ["$B$2:$D$10", area(1, 1, 9, 3)],
    ["AA5", area(4, 26, 4, 26)],
    ["Sheet1!A1:B2", area(0, 0, 1, 1)],
    ["'台账 2025'!$M$5:$M$9", area(4, 12, 8, 12)],
    ["'a!b'!C3", area(2, 2, 2, 2)],
  ])("parseRange(%j)", (address, want) => {
    expect(parseRange(address)).toEqual(want);
  });

  it.each(["", "A1:", ":B2", "A1:B2:C3", "A:C", "1:3", "a1:b2", "A0:B2"])(
    "parseRange(%j) is null",
    (address) => {
      expect(parseRange(address)).toBeNull();
    },
  );

  it.each<[Area, string]>([
    [area(0, 0, 2, 2), "A1:C3"],
    [area(4, 12, 8, 12), "M5:M9"],
    [area(1, 1, 1, 1), "B2:B2"],
  ])("areaA1(%j) = %s, and back", (a, address) => {
    expect(areaA1(a)).toBe(address);
    expect(parseRange(address)).toEqual(a);
  });

  it.each<[string, Area[] | null]>([
    ["Sheet1!A1:B2,Sheet1!D4:E5", [area(0, 0, 1, 1), area(3, 3, 4, 4)]],
    ["'台账, 2025'!A1:B1,'台账, 2025'!C3:C5", [area(0, 0, 0, 1), area(2, 2, 4, 2)]],
    ["A1", [area(0, 0, 0, 0)]],
    ["", []],
    ["A1,nonsense", null],
  ])("parseAreas(%j)", (address, want) => {
    expect(parseAreas(address)).toEqual(want);
  });

  it.each<[Area, { rows: number; columns: number }]>([
    [area(0, 0, 0, 0), { rows: 1, columns: 1 }],
    [area(2, 0, 4, 1), { rows: 3, columns: 2 }],
  ])("areaSize(%j)", (a, want) => {
    expect(areaSize(a)).toEqual(want);
  });

  it.each<[string, string]>([
    ["B15", "$B$15"],
    ["B2:B4", "$B$2:$B$4"],
    ["AA10:AB12", "$AA$10:$AB$12"],
  ])("absoluteA1(%s) = %s", (ref, want) => {
    expect(absoluteA1(ref)).toBe(want);
  });
});
