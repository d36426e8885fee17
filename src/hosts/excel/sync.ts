/**
 * Runs `step` for each batch in order with one context.sync after each. Used where the number of syncs
 * depends on the data's byte size (never on its row count), so the sync is deliberately sequential.
 */
export async function syncEach<T>(
  context: Excel.RequestContext,
  batches: readonly T[],
  step: (batch: T, index: number) => void,
  afterSync?: () => void,
): Promise<void> {
  const next = async (i: number): Promise<void> => {
    const batch = batches[i];
    if (batch === undefined) return;
    step(batch, i);
    await context.sync();
    afterSync?.();
    await next(i + 1);
  };
  await next(0);
}
