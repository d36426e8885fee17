import JSZip from "jszip";

/**
 * What is wrong with an OOXML package, as Excel would find it on opening: a relationship whose target part
 * is missing, a part without a content type, a content-type override for a part that is not there.
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
  for (const rels of [...parts].filter((p) => p.endsWith(".rels"))) {
    const xml = (await zip.file(rels)?.async("string")) ?? "";
    const base = rels.replace(/_rels\/[^/]*\.rels$/, "");
    for (const m of xml.matchAll(/<Relationship [^>]*>/g)) {
      const tag = m[0];
      if (/TargetMode="External"/.test(tag)) continue;
      const target = /Target="([^"]+)"/.exec(tag)?.[1];
      if (!target) continue;
      const path = resolvePart(base, decodeURIComponent(target));
      if (!parts.has(path)) problems.push(`${rels}: ${target} missing`);
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
