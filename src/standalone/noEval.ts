import * as z from "zod/mini";

/**
 * zod tries `new Function` to see whether it may compile fast parsers, which the page's Content-Security-Policy
 * refuses (and reports as a violation). Set before any schema is made: imported first by the page and the worker.
 */
z.config({ jitless: true });
