import { makeStyles, tokens } from "@fluentui/react-components";

export const useStandaloneStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  page: {
    boxSizing: "border-box",
    minHeight: "100vh",
    // Wide enough for the six figure cards (130px at least, FigureCards) in one row above the 720px pane.
    maxWidth: "920px",
    margin: "0 auto",
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    outline: "2px dashed transparent",
  },
  // The mode's content keeps the page's column and gaps; the other mode stays mounted but hidden.
  mode: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  modeHidden: { display: "none" },
  dragging: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: "-8px" },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  picker: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Kept in the page (not display:none) so that it stays a real, labelled file input; the button opens it.
  hiddenInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
  muted: { color: tokens.colorNeutralForeground3, flexBasis: "100%" },
  result: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  figures: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  progress: {
    display: "flex",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  progressField: { flexGrow: 1 },
  droppedList: { margin: `${tokens.spacingVerticalS} 0`, paddingLeft: tokens.spacingHorizontalXL },
  downloadRow: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
});
