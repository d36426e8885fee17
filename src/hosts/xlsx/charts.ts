import type { ChartPlan } from "../../core/plan/types";
import { CHART_NAME_PREFIX } from "../../core/plan/types";
import { absRef } from "../../core/plan/formulas";
import {
  NS_REL,
  Package,
  WORKSHEET_ORDER,
  attr,
  escapeAttr,
  insertChild,
  relKind,
  relativeTarget,
  type Relationship,
} from "./opc";

/**
 * The plan's charts written into the package as DrawingML chart parts. ExcelJS cannot write charts and no
 * well-kept library adds them to an existing workbook, so this small module writes the few parts a chart needs
 * (a drawing with one anchor per chart, a chart part each, their relationships and content types), as
 * tableFormulas.ts and carry.ts handle other parts as text. The charts' series are references to the sheet's
 * own formula cells, so they follow the figures without the tool. A rebuild removes the tool's earlier charts
 * (their drawing names start with CHART_NAME_PREFIX) and leaves the user's.
 */

/** One anchor of a drawing (with whatever it holds). */
export const ANCHOR = /<xdr:(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/xdr:\1>/g;

const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const REL_DRAWING = `${NS_REL}/drawing`;
const REL_CHART = `${NS_REL}/chart`;
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
/** Title and labels: a Chinese font first, as on the sheet. */
const FONT_TITLE = "黑体";
const FONT_BODY = "仿宋_GB2312";

export interface SheetCharts {
  sheet: string;
  charts: ChartPlan[];
}

/** Writes every sheet's charts into the package, replacing the tool's earlier ones on that sheet. */
export async function writeCharts(pkg: Package, wanted: readonly SheetCharts[]): Promise<void> {
  const sheets = await pkg.sheets();
  const taken = new Set<string>();
  for (const { sheet, charts } of wanted) {
    const part = sheets.get(sheet);
    if (part === undefined || charts.length === 0) continue;
    let sheetRels = await pkg.rels(part);
    let drawingRel = sheetRels.find((r) => relKind(r.type) === "drawing" && !r.external);
    let drawingPath: string;
    let drawingXml: string;
    let drawingRels: Relationship[];
    if (drawingRel && pkg.has(drawingRel.path)) {
      drawingPath = drawingRel.path;
      drawingRels = await pkg.rels(drawingPath);
      ({ xml: drawingXml, rels: drawingRels } = removeOwnCharts(
        pkg,
        (await pkg.text(drawingPath)) ?? "",
        drawingRels,
      ));
    } else {
      drawingPath = pkg.freePath("xl/drawings/drawing1.xml", taken);
      taken.add(drawingPath.toLowerCase());
      drawingXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"></xdr:wsDr>`;
      drawingRels = [];
      const id = freeRelId(sheetRels);
      drawingRel = {
        id,
        type: REL_DRAWING,
        target: relativeTarget(part, drawingPath),
        external: false,
        path: drawingPath,
      };
      sheetRels = [...sheetRels, drawingRel];
      const xml = (await pkg.text(part)) ?? "";
      let withDrawing = insertChild(xml, "worksheet", "drawing", `<drawing r:id="${id}"/>`, WORKSHEET_ORDER);
      if (!/xmlns:r=/.test(withDrawing.slice(0, 600)))
        withDrawing = withDrawing.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_REL}"`);
      pkg.write(part, withDrawing);
      pkg.writeRels(part, sheetRels);
      pkg.setContentType(drawingPath, CT_DRAWING);
    }
    let shapeId = maxShapeId(drawingXml);
    const anchors: string[] = [];
    for (const chart of charts) {
      const chartPath = pkg.freePath("xl/charts/chart1.xml", taken);
      taken.add(chartPath.toLowerCase());
      pkg.write(chartPath, chartXml(chart, sheet));
      pkg.setContentType(chartPath, CT_CHART);
      const id = freeRelId(drawingRels);
      drawingRels = [
        ...drawingRels,
        {
          id,
          type: REL_CHART,
          target: relativeTarget(drawingPath, chartPath),
          external: false,
          path: chartPath,
        },
      ];
      anchors.push(anchorXml(chart, ++shapeId, id));
    }
    const close = drawingXml.lastIndexOf("</xdr:wsDr>");
    drawingXml =
      close < 0
        ? drawingXml
        : `${drawingXml.slice(0, close)}${anchors.join("")}${drawingXml.slice(close)}`.replace(
            /<xdr:wsDr\b(?![^>]*xmlns:a=)/,
            `<xdr:wsDr xmlns:a="${NS_A}"`,
          );
    pkg.write(drawingPath, drawingXml);
    pkg.writeRels(drawingPath, drawingRels);
  }
}

/**
 * A drawing without the tool's earlier charts: their anchors, relationships and chart parts go; the user's
 * charts, shapes and pictures stay.
 */
function removeOwnCharts(
  pkg: Package,
  xml: string,
  rels: Relationship[],
): { xml: string; rels: Relationship[] } {
  const gone = new Set<string>();
  const out = xml.replace(
    /<xdr:(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/xdr:\1>/g,
    (anchor) => {
      if (!isOwnAnchor(anchor)) return anchor;
      const id = /<c:chart\b[^>]*\br:id="([^"]+)"/.exec(anchor)?.[1];
      if (id !== undefined) gone.add(id);
      return "";
    },
  );
  for (const r of rels) {
    if (!gone.has(r.id)) continue;
    pkg.remove(r.path);
    pkg.writeRels(r.path, []);
  }
  return { xml: out, rels: rels.filter((r) => !gone.has(r.id)) };
}

/** Whether a drawing anchor holds a chart the tool wrote (its cNvPr name). */
export function isOwnAnchor(anchor: string): boolean {
  const name = attr(/<xdr:cNvPr\b([^>]*)>/.exec(anchor)?.[1] ?? "", "name") ?? "";
  return name.startsWith(CHART_NAME_PREFIX) && /<c:chart\b/.test(anchor);
}

/** The chart parts the tool's own anchors point at in a package: replaced by a rebuild, never a loss. */
export async function ownChartParts(pkg: Package): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of pkg.parts()) {
    if (!/^xl\/drawings\/[^/]+\.xml$/i.test(part)) continue;
    const xml = (await pkg.text(part)) ?? "";
    const rels = await pkg.rels(part);
    for (const m of xml.matchAll(ANCHOR)) {
      if (!isOwnAnchor(m[0])) continue;
      const id = /<c:chart\b[^>]*\br:id="([^"]+)"/.exec(m[0])?.[1];
      const rel = rels.find((r) => r.id === id);
      if (rel) out.add(rel.path);
    }
  }
  return out;
}

function freeRelId(rels: Relationship[]): string {
  const ids = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (ids.has(`rId${n}`)) n++;
  return `rId${n}`;
}

function maxShapeId(xml: string): number {
  let max = 1;
  for (const m of xml.matchAll(/<xdr:cNvPr\b[^>]*\bid="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

const esc = (s: string): string => escapeAttr(s);

function anchorXml(chart: ChartPlan, shapeId: number, relId: string): string {
  const { fromRow, fromCol, toRow, toCol } = chart.anchor;
  const at = (tag: string, row: number, col: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${at("from", fromRow, fromCol)}${at("to", toRow, toCol)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="${esc(chart.name)}" descr="${esc(chart.title)}"/>` +
    `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_REL}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

const fill = (rgb: string): string => `<c:spPr><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill></c:spPr>`;

/** Text properties: size in hundredths of a point, the Chinese font for East Asian text. */
function txPr(size: number, font: string, bold = false): string {
  return (
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}">` +
    `<a:latin typeface="${esc(font)}"/><a:ea typeface="${esc(font)}"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`
  );
}

/** The chart part: a pie or horizontal bars over references to the sheet's cells. */
export function chartXml(chart: ChartPlan, sheet: string): string {
  const ref = (range: string): string => escapeText(absRef(sheet, range));
  const cat = `<c:cat><c:strRef><c:f>${ref(chart.categories)}</c:f></c:strRef></c:cat>`;
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"><a:latin typeface="${FONT_TITLE}"/><a:ea typeface="${FONT_TITLE}"/></a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="1400" b="1"><a:latin typeface="${FONT_TITLE}"/><a:ea typeface="${FONT_TITLE}"/></a:rPr><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  let plot: string;
  if (chart.type === "pie") {
    const [s] = chart.series;
    const points = (chart.pointColors ?? [])
      .map((rgb, i) => `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/>${fill(rgb)}</c:dPt>`)
      .join("");
    const labels =
      `<c:dLbls><c:numFmt formatCode="0.0%" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${txPr(1000, FONT_BODY)}` +
      `<c:dLblPos val="bestFit"/><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="1"/><c:showSerName val="0"/>` +
      `<c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>`;
    plot =
      `<c:pieChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeText(s?.name ?? "")}</c:v></c:tx>` +
      `${points}${labels}${cat}<c:val><c:numRef><c:f>${ref(s?.values ?? "A1")}</c:f></c:numRef></c:val></c:ser>` +
      `<c:firstSliceAng val="0"/></c:pieChart>`;
  } else {
    const stacked = chart.type === "barStacked";
    const series = chart.series
      .map(
        (s, i) =>
          `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeText(s.name)}</c:v></c:tx>${fill(s.color)}` +
          `<c:invertIfNegative val="0"/><c:dLbls><c:numFmt formatCode="0;;;" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
          `${txPr(900, FONT_BODY)}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
          `<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>${cat}<c:val><c:numRef><c:f>${ref(s.values)}</c:f></c:numRef></c:val></c:ser>`,
      )
      .join("");
    plot =
      `<c:barChart><c:barDir val="bar"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${series}` +
      `<c:gapWidth val="60"/>${stacked ? '<c:overlap val="100"/>' : ""}<c:axId val="500100"/><c:axId val="500200"/></c:barChart>` +
      // Categories top to bottom in the table's order; the values are on the bars, so their axis is hidden.
      `<c:catAx><c:axId val="500100"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
      `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `${txPr(900, FONT_BODY)}<c:crossAx val="500200"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="500200"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="1"/><c:axPos val="t"/>` +
      `<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="500100"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  }
  const legend = `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${txPr(1000, FONT_BODY)}</c:legend>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_REL}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>` +
    `${txPr(1000, FONT_BODY)}</c:chartSpace>`
  );
}

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
