import JSZip from "jszip";

/**
 * What is wrong with an OOXML package, as Excel would find it on opening: a relationship whose target part
 * is missing, a part without a content type, a content-type override for a part that is not there, an r:id in
 * the workbook or a sheet that names none of its relationships. Read with plain JSZip, not the code under test.
 */
export async function packageProblems(zip: JSZip): Promise<string[]> {
  const problems: string[] = [];
  const parts = new Set(Object.keys(zip.files).filter((p) => !zip.files[p]?.dir));
  const ct = await zip.file("[Content_Types].xml")?.async("string");
  if (!ct) return ["[Content_Types].xml missing"];
  const defaults = new Set(
    [...ct.matchAll(/<Default [^>]*Extension="([^"]+)"/g)].map((m) => (m[1] ?? "").toLowerCase()),
  );
  const overrides = new Set([...ct.matchAll(/<Override [^>]*PartName="\/([^"]+)"/g)].map((m) => m[1] ?? ""));
  for (const o of overrides) if (!parts.has(o)) problems.push(`override for missing part ${o}`);
  for (const p of parts) {
    if (p === "[Content_Types].xml") continue;
    const ext = p.slice(p.lastIndexOf(".") + 1).toLowerCase();
    if (!overrides.has(p) && !defaults.has(ext)) problems.push(`no content type for ${p}`);
  }
  const ids = new Map<string, Set<string>>();
  for (const rels of [...parts].filter((p) => p.endsWith(".rels"))) {
    const xml = (await zip.file(rels)?.async("string")) ?? "";
    const base = rels.replace(/_rels\/[^/]*\.rels$/, "");
    const owner = `${base}${rels.slice(rels.lastIndexOf("/") + 1).replace(/\.rels$/, "")}`;
    const own = new Set<string>();
    ids.set(owner, own);
    for (const m of xml.matchAll(/<Relationship [^>]*>/g)) {
      const tag = m[0];
      const id = /Id="([^"]+)"/.exec(tag)?.[1];
      if (id) own.add(id);
      if (/TargetMode="External"/.test(tag)) continue;
      const target = /Target="([^"]+)"/.exec(tag)?.[1];
      if (!target) continue;
      const path = resolvePart(base, decodeURIComponent(target));
      if (!parts.has(path)) problems.push(`${rels}: ${target} missing`);
    }
  }
  // Every r:id the workbook or a sheet names is one of its relationships.
  for (const part of [...parts].filter((p) => /^xl\/(workbook|worksheets\/[^/]+)\.xml$/.test(p))) {
    const xml = (await zip.file(part)?.async("string")) ?? "";
    const own = ids.get(part) ?? new Set<string>();
    for (const m of xml.matchAll(/\br:id="([^"]+)"/g)) {
      if (!own.has(m[1] ?? "")) problems.push(`${part}: r:id ${m[1]} has no relationship`);
    }
  }
  return problems;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out = base.split("/").filter(Boolean);
  for (const seg of target.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** The part path of a sheet by its name as workbook.xml writes it (XML-escaped: "R&amp;D"). */
export async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(wb);
  if (!m) throw new Error(`sheet ${name} missing`);
  const t =
    new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ??
    new RegExp(`Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
  if (!t?.[1]) throw new Error(`relationship ${m[1]} missing`);
  return `xl/${t[1].replace(/^\/?xl\//, "")}`;
}

/** A sheet's XML, by the sheet's name. */
export async function sheetXml(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return (await zip.file(await sheetPart(zip, name))?.async("string")) ?? "";
}
