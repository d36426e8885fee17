// First: before any module makes a zod schema.
import "./noEval";
import { createRoot } from "react-dom/client";
import { languageTag, strings } from "../i18n";
import { pageLocale } from "./locale";
import { StandalonePage } from "./StandalonePage";

/** The standalone page in Chinese (traditional for a zh-TW/HK/MO browser), or ?lang=zh-CN|zh-TW|en. No office.js here. */
const locale = pageLocale(location.search, navigator.language);
document.documentElement.lang = languageTag(locale);
document.title = strings(locale).page.title;
const container = document.getElementById("container");
if (!container) throw new Error("standalone.html has no #container element");
createRoot(container).render(<StandalonePage locale={locale} />);
