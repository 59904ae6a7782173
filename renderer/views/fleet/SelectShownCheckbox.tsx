import { useLayoutEffect, useRef } from 'react';

/** "Select all" in the checkbox column's header, for the platforms the filter shows. */
export function SelectShownCheckbox({ shown, selected, onChange }: { shown: number; selected: number; onChange: (select: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const all = selected > 0 && selected === shown;
  const some = selected > 0 && !all;
  useLayoutEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="fc-check"
      checked={all}
      aria-checked={some ? 'mixed' : all}
      aria-label={all ? 'Unselect all shown platforms' : 'Select all shown platforms'}
      onChange={() => onChange(!(all || some))}
    />
  );
}
