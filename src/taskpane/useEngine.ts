import { createContext, useContext } from "react";
import type * as EngineModule from "./engine";

/** The engine chunk's exports (engine.ts). */
export type Engine = typeof EngineModule;

let loading: Promise<Engine> | undefined;

/**
 * Loads the engine chunk, once: later calls return the same promise, and a failed load may be retried.
 * The pane's entry calls it first thing, so the chunk loads while Office starts and the workbook is read.
 */
export function loadEngine(): Promise<Engine> {
  loading ??= import(/* webpackChunkName: "engine" */ "./engine").catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** The loaded engine, for the panels shown once there is an analysis (App provides it then). */
export const EngineContext = createContext<Engine | null>(null);

/** The engine from EngineContext: a panel is only rendered over an analysis, which the engine made. */
export function useEngine(): Engine {
  const engine = useContext(EngineContext);
  if (!engine)
    throw new Error("useEngine outside EngineContext: render panels only once there is an analysis");
  return engine;
}
