import { useEffect, useState } from 'react';

/** The width of the page's scrollbars in CSS pixels (0 where they overlay the content), from a scratch element. */
function measureScrollbar(): number {
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;top:-9999px;width:100px;height:100px;overflow:scroll';
  document.body.appendChild(probe);
  const size = probe.offsetWidth - probe.clientWidth;
  probe.remove();
  return size;
}

/**
 * The scrollbar size to hand the grid, measured again when the zoom changes. Without it the grid measures its
 * own scrollbar, a forced layout, each time the scrollbar reappears: on every key that turns no match into many.
 */
export function useScrollbarSize(): number {
  const [size, setSize] = useState(measureScrollbar);
  useEffect(() => {
    let zoom: MediaQueryList | null = null;
    function watch() {
      zoom?.removeEventListener('change', changed);
      zoom = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      zoom.addEventListener('change', changed);
    }
    function changed() {
      setSize(measureScrollbar());
      watch();
    }
    watch();
    return () => zoom?.removeEventListener('change', changed);
  }, []);
  return size;
}
