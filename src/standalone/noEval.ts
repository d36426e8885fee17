import * as z from "zod/mini";

/**
 * The full zod tries `new Function` to see whether it may compile fast parsers, which the page's
 * Content-Security-Policy refuses (and reports as a violation). Its mini build, the one the engine uses, never
 * does; set all the same, before any schema is made (imported first by the page and the worker), so that a zod
 * the page ever loads stays within the policy.
 */
z.config({ jitless: true });
