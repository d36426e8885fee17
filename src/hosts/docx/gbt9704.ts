/**
 * The page of GB/T 9704-2012 (党政机关公文格式), in the units Word uses: twips (1/20 pt) for lengths, half-points
 * for font sizes. Measures from the standard: A4; 天头 (top margin) 37 mm, 订口 (left) 28 mm; 版心 156 × 225 mm,
 * so bottom 35 mm and right 26 mm; 22 lines of 28 characters of 三号 (16 pt) type.
 */

/** 1 mm in twips (1440 per inch). */
const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

/** A4, 210 × 297 mm. */
export const PAGE = { width: mm(210), height: mm(297) };

export const MARGINS = {
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
  header: mm(15),
  /**
   * Page numbers sit 7 mm below the type area (7.5): with a 14-point (4.9 mm) footer line, the footer's bottom
   * edge is 35 − 7 − 4.9 ≈ 23 mm above the page's.
   */
  footer: mm(23),
};

/** Type area: 8845 × 12756 twips (156 × 225 mm). */
export const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
const TEXT_HEIGHT = PAGE.height - MARGINS.top - MARGINS.bottom;

/** GB/T 9704 5.2.2: 22 lines a page, 28 characters a line (the "28 × 28" is not the standard's). */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/**
 * Fixed line pitch: 12756 / 22 = 579.8, rounded down so that 22 lines fit (580 would leave 21): 579 twips,
 * the 28.95 pt of the usual 公文 templates.
 */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);

/** Font sizes in half-points: 二号 22 pt (title), 三号 16 pt (text and headings), 四号 14 pt (page numbers). */
export const SIZE = { title: 44, body: 32, pageNumber: 28 };

/**
 * Characters condensed to fit 28 a line (27 without it): the type area is 8845 twips (442.25 pt) wide, 28
 * characters of 16 pt take 448 pt, so each gives up 4.1 twips, rounded to −5 (0.25 pt; in twips).
 */
export const CHARACTER_SPACING = Math.floor(TEXT_WIDTH / CHARS_PER_LINE - (SIZE.body / 2) * 20);

/** Two characters of 三号 type, for readers that ignore firstLineChars. */
export const INDENT_2_CHARS = (SIZE.body / 2) * 20 * 2;

/** One character of 四号 type: page numbers stand one character in from the outside edge (7.5). */
export const PAGE_NUMBER_INSET = (SIZE.pageNumber / 2) * 20;

/**
 * The fonts of the standard, with their English names (w:altName, the same font under its other name) and the
 * GB2312 character set, which is what a reader goes on when the font is not installed.
 */
export const FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  pageNumber: "宋体",
} as const;

export const FONT_TABLE: readonly { name: string; altName: string; family: string; pitch: string }[] = [
  { name: FONTS.title, altName: "FZXiaoBiaoSong-B05S", family: "script", pitch: "variable" },
  { name: FONTS.body, altName: "FangSong_GB2312", family: "modern", pitch: "fixed" },
  { name: FONTS.heading1, altName: "SimHei", family: "modern", pitch: "fixed" },
  { name: FONTS.heading2, altName: "KaiTi_GB2312", family: "modern", pitch: "fixed" },
  { name: FONTS.pageNumber, altName: "SimSun", family: "auto", pitch: "variable" },
];
