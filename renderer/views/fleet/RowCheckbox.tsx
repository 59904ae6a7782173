import type { GridRowCheckboxProps } from '@mui/x-data-grid';

/**
 * The row selection checkbox as a native input: a visible grid mounts dozens of them on every keystroke of the
 * filter, and the Material checkbox (button base, ripple, icons) costs several times more. The header's
 * "select all" keeps the Material one.
 */
export function RowCheckbox({ checked, indeterminate, disabled, onChange, onClick, onMouseDown, onKeyDown, tabIndex, slotProps, inputRef, className, style }: GridRowCheckboxProps) {
  return (
    <span className={className} style={style}>
      <input
        type="checkbox"
        className="fc-check"
        checked={checked ?? false}
        aria-checked={indeterminate ? 'mixed' : undefined}
        disabled={disabled}
        onChange={onChange}
        onClick={onClick}
        onMouseDown={onMouseDown}
        onKeyDown={onKeyDown}
        tabIndex={tabIndex}
        ref={inputRef}
        {...slotProps?.htmlInput}
      />
    </span>
  );
}
