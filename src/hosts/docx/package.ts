import JSZip from "jszip";
import { FONT_TABLE } from "./gbt9704";

/**
 * What docx writes with the clock or leaves empty, written here instead: docProps/core.xml (docx stamps it with
 * the time of packing) and word/fontTable.xml (docx leaves it empty; the fonts' other names and character set
 * let Word and WPS pick a like font where one is missing). Passed to Packer as overrides.
 */
export function packageOverrides(meta: {
  title: string;
  creator: string;
  stamp: string;
}): { path: string; data: string }[] {
  return [
    { path: "docProps/core.xml", data: coreXml(meta) },
    { path: "word/fontTable.xml", data: fontTableXml() },
  ];
}

/**
 * The package again with every entry stamped `date` and [Content_Types].xml first: fflate, which docx zips
 * with, stamps entries with the time of packing, so the same report would not give the same bytes twice.
 */
export async function stableZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const from = await JSZip.loadAsync(bytes);
  const names = Object.keys(from.files)
    .filter((n) => !from.files[n]?.dir)
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  const to = new JSZip();
  for (const name of names) {
    const file = from.file(name);
    if (file) to.file(name, await file.async("uint8array"), { date, createFolders: false });
  }
  return to.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** [Content_Types].xml, then the package relationships, then the rest by name. */
function order(name: string): number {
  return name === "[Content_Types].xml" ? 0 : name === "_rels/.rels" ? 1 : 2;
}

const escape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function coreXml({ title, creator, stamp }: { title: string; creator: string; stamp: string }): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escape(title)}</dc:title><dc:creator>${escape(creator)}</dc:creator>` +
    `<cp:lastModifiedBy>${escape(creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

function fontTableXml(): string {
  // CT_Font's order: altName, panose1, charset, family, pitch. charset 86 = GB2312.
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${escape(f.name)}"><w:altName w:val="${escape(f.altName)}"/><w:charset w:val="86"/>` +
      `<w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}
