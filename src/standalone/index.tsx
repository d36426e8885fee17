import { createRoot } from "react-dom/client";
import { languageTag, localeFromLanguage } from "../i18n";
import { StandalonePage } from "./StandalonePage";
import { pageStrings } from "./strings";

/** The standalone page in the browser's language (or ?lang=zh-CN|zh-TW|en), then the page. No office.js here. */
const locale = localeFromLanguage(new URLSearchParams(location.search).get("lang") ?? navigator.language);
document.documentElement.lang = languageTag(locale);
document.title = pageStrings(locale).title;
const container = document.getElementById("container");
if (!container) throw new Error("standalone.html has no #container element");
createRoot(container).render(<StandalonePage locale={locale} />);
