import { TextEncoder as NodeTextEncoder } from "node:util";

// What jsdom lacks and Fluent UI needs (every browser and Office webview the pane supports has it).
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (!("ResizeObserver" in window)) {
  Object.defineProperty(window, "ResizeObserver", {
    value: ResizeObserverStub,
    configurable: true,
    writable: true,
  });
}

// The docx library encodes with TextEncoder, which every browser has and jsdom leaves out.
if (typeof globalThis.TextEncoder === "undefined") {
  Object.defineProperty(globalThis, "TextEncoder", {
    value: NodeTextEncoder,
    configurable: true,
    writable: true,
  });
}

export {};
