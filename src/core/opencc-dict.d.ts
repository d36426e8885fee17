/**
 * opencc-js ships one module per dictionary (its package.json's "./*" export: dist/esm-lib/dict/*.js), each a
 * default export of "source target|source target|…", without a declaration of its own.
 */
declare module "opencc-js/dict/*" {
  const dict: string;
  export default dict;
}
