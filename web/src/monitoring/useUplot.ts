import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * Creates a uPlot in `container` from `makeOptions(width)`, recreates it when `deps` change,
 * keeps its width in step with the container, and returns a ref to the live instance so callers
 * can `setData` without re-rendering React.
 */
export function useUplot(
  container: React.RefObject<HTMLDivElement | null>,
  makeOptions: (width: number) => uPlot.Options,
  initialData: uPlot.AlignedData,
  deps: readonly unknown[],
) {
  const plot = useRef<uPlot | null>(null);
  const dataRef = useRef(initialData);
  dataRef.current = initialData;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const u = new uPlot(makeOptions(Math.max(100, el.clientWidth)), dataRef.current, el);
    plot.current = u;
    const ro = new ResizeObserver(() => {
      const w = Math.max(100, el.clientWidth);
      if (Math.abs(w - u.width) > 1) u.setSize({ width: w, height: u.height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return plot;
}
